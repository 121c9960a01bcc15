namespace HaKube.Tcplb.Runtime;

/// <summary>One frontend in <c>tcplb status</c>.</summary>
internal sealed record FrontendStatus
{
    public required string Name { get; init; }

    public required string? Backend { get; init; }

    /// <summary>Addresses bound now ("0.0.0.0:6443", "[::]:6443").</summary>
    public required IReadOnlyList<string> Listen { get; init; }

    /// <summary>Live client connections (HAProxy's scur).</summary>
    public required int Active { get; init; }

    /// <summary>The most live at once since start (smax).</summary>
    public int MaxActive { get; init; }

    /// <summary>Its maxconn (slim): its own, else the global one; 0 = none. Beyond it new connections wait in the listen backlog.</summary>
    public int MaxConn { get; init; }
}
