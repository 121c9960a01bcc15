namespace HaKube.LabTools.Probe;

/// <summary>What one probe does.</summary>
internal enum ProbeKind
{
    /// <summary>A TCP connect, closed at once.</summary>
    Tcp,

    /// <summary>A TCP connect, a TLS handshake and GET of the path; ok when the status is 200.</summary>
    Tls,
}
