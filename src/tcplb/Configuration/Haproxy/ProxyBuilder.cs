namespace HaKube.Tcplb.Configuration.Haproxy;

/// <summary>A <c>defaults</c>, <c>frontend</c>, <c>backend</c> or <c>listen</c> section while reading.</summary>
internal sealed class ProxyBuilder
{
    public ProxySectionKind Kind { get; set; }
    public string Name { get; set; } = "";
    public int Line { get; set; }

    public string? Mode { get; set; }

    // Both sides: the section's own log targets, whether 'log global' adds the global ones, whether 'no log' cleared them.
    public List<LogTargetOptions> Logs { get; private set; } = [];
    public bool LogGlobal { get; set; }
    public bool NoLog { get; set; }

    /// <summary><c>log-tag</c> of this section or the defaults it copies; null = the global one.</summary>
    public string? LogTag { get; set; }

    // Frontend side.
    public List<BindOptions> Binds { get; private set; } = [];
    public int? MaxConn { get; set; }
    public string? DefaultBackend { get; set; }
    public TimeSpan? TimeoutClient { get; set; }
    public TimeSpan? TimeoutClientFin { get; set; }
    public bool? LogConnections { get; set; }
    public bool? DontLogNull { get; set; }

    // Backend side.
    public BalanceAlgorithm? Balance { get; set; }
    public int? RandomDraws { get; set; }
    public bool? AllBackups { get; set; }
    public TimeSpan? TimeoutConnect { get; set; }
    public TimeSpan? TimeoutServer { get; set; }
    public TimeSpan? TimeoutServerFin { get; set; }
    public TimeSpan? TimeoutTunnel { get; set; }
    public TimeSpan? TimeoutQueue { get; set; }
    public TimeSpan? TimeoutCheck { get; set; }
    public int? Retries { get; set; }
    public bool? Redispatch { get; set; }
    public int? RedispatchInterval { get; set; }

    /// <summary>Set by <c>option httpchk</c>; <c>option tcp-check</c> clears it.</summary>
    public bool? HttpCheck { get; set; }
    public bool? CheckConnectSsl { get; set; }
    public int? CheckConnectPort { get; set; }
    public string? CheckConnectSni { get; set; }
    public string? HttpCheckMethod { get; set; }
    public string? HttpCheckPath { get; set; }
    public List<StatusRange>? HttpCheckStatuses { get; set; }

    public ServerBuilder DefaultServer { get; private set; } = new();
    public List<PendingServer> Servers { get; private set; } = [];

    /// <summary>Model property path ("Timeouts.Connect", "DefaultBackend") → where the file set it.</summary>
    public Dictionary<string, FieldSource> Fields { get; private set; } = [];

    /// <summary>A new section starting from these defaults (HAProxy copies the last defaults section into each proxy).</summary>
    public ProxyBuilder Inherit(ProxySectionKind kind, string name, int line)
    {
        var copy = (ProxyBuilder)MemberwiseClone();
        copy.Kind = kind;
        copy.Name = name;
        copy.Line = line;
        copy.Binds = [];
        copy.Logs = [.. Logs];
        copy.Servers = [];
        copy.DefaultBackend = kind is ProxySectionKind.Defaults or ProxySectionKind.Frontend or ProxySectionKind.Listen ? DefaultBackend : null;
        copy.HttpCheckStatuses = HttpCheckStatuses is null ? null : [.. HttpCheckStatuses];
        copy.DefaultServer = DefaultServer.Clone();
        copy.Fields = new Dictionary<string, FieldSource>(Fields);
        return copy;
    }

    public bool HasFrontend => Kind is ProxySectionKind.Frontend or ProxySectionKind.Listen or ProxySectionKind.Defaults;

    public bool HasBackend => Kind is ProxySectionKind.Backend or ProxySectionKind.Listen or ProxySectionKind.Defaults;
}
