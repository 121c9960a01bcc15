namespace HaKube.Tcplb.Configuration.Haproxy;

/// <summary>The settings of a <c>default-server</c> or <c>server</c> line while reading; null = not set here or above.</summary>
internal sealed class ServerBuilder
{
    public int? Weight { get; set; }
    public int? MaxConn { get; set; }
    public int? MaxQueue { get; set; }
    public bool? Backup { get; set; }
    public bool? Disabled { get; set; }
    public TimeSpan? SlowStart { get; set; }
    public bool? Check { get; set; }
    public bool? CheckSsl { get; set; }
    public TimeSpan? Inter { get; set; }
    public TimeSpan? FastInter { get; set; }
    public TimeSpan? DownInter { get; set; }
    public int? Rise { get; set; }
    public int? Fall { get; set; }
    public int? CheckPort { get; set; }
    public TlsVerify? Verify { get; set; }
    public string? CaFile { get; set; }
    public string? Crt { get; set; }
    public string? CheckSni { get; set; }
    public bool? ShutdownSessionsOnMarkedDown { get; set; }

    /// <summary>Model property path ("Weight", "Check.Inter") → where the file set it.</summary>
    public Dictionary<string, FieldSource> Fields { get; private set; } = [];

    /// <summary>A copy for a server line (or a section inheriting defaults); later settings then shadow these.</summary>
    public ServerBuilder Clone()
    {
        var copy = (ServerBuilder)MemberwiseClone();
        copy.Fields = new Dictionary<string, FieldSource>(Fields);
        return copy;
    }
}
