using System.Net;

namespace HaKube.Tcplb.DataPlane;

/// <summary>One listening frontend: where it binds, who picks servers, its timeouts, retries and log sink.</summary>
internal sealed record FrontendOptions
{
    public required string Name { get; init; }

    /// <summary>Default backend name, used in log lines when no server was picked.</summary>
    public required string BackendName { get; init; }

    /// <summary>Addresses to bind; see <see cref="ListenAddresses.AnyBoth"/> for "*:port".</summary>
    public required IReadOnlyList<IPEndPoint> Bind { get; init; }

    public required IBackendScheduler Scheduler { get; init; }

    /// <summary>Most live client connections of this frontend (HAProxy's frontend maxconn); 0 = no limit of its own.</summary>
    public int MaxConn { get; init; }

    /// <summary>Bind lines with a <c>maxconn</c> of their own; their addresses are some of <see cref="Bind"/>.</summary>
    public IReadOnlyList<BindLimit> BindLimits { get; init; } = [];

    /// <summary>listen(2) backlog of each listening socket.</summary>
    public int Backlog { get; init; } = 4096;

    /// <summary>Set IP_FREEBIND/IPV6_FREEBIND so a VIP not (yet) held by this node can be bound.</summary>
    public bool FreeBind { get; init; } = true;

    public ProxyTimeouts Timeouts { get; init; } = ProxyTimeouts.Default;

    /// <summary>
    /// How a connection that failed before the server's first byte is tried again: how many times, and whether on the
    /// same server or another (HAProxy's retries and option redispatch; see <see cref="Balancing.ConnectRetry"/>).
    /// </summary>
    public Configuration.RetryOptions Retry { get; init; } = new();

    /// <summary>Client bytes kept until the server answers, to replay on a retry; beyond this the connection is committed to its server.</summary>
    public int MaxHeldBytes { get; init; } = 16 * 1024;

    /// <summary>Called on a loop thread when a session closes; must not block (queue the entry).</summary>
    public Action<ConnectionLogEntry>? Log { get; init; }
}
