namespace HaKube.Tcplb.Configuration.Haproxy;

/// <summary>The global section while reading.</summary>
internal sealed class GlobalState
{
    public int Line { get; set; }
    public int? MaxConn { get; set; }
    public List<LogTargetOptions> Logs { get; } = [];
    public string? PidFile { get; set; }
    public string? User { get; set; }
    public string? Group { get; set; }

    /// <summary><c>log-tag</c>; null = tcplb's own name.</summary>
    public string? LogTag { get; set; }

    /// <summary><c>log-send-hostname [NAME]</c>: NAME or this machine's name; null when absent.</summary>
    public string? SendHostname { get; set; }

    /// <summary><c>ssl-server-verify none</c> changes the default of every server's <c>verify</c>.</summary>
    public TlsVerify DefaultVerify { get; set; } = TlsVerify.Required;

    public Dictionary<string, FieldSource> Fields { get; } = [];
}
