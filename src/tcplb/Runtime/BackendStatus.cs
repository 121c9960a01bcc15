namespace HaKube.Tcplb.Runtime;

/// <summary>One backend in <c>tcplb status</c>.</summary>
internal sealed record BackendStatus
{
    public required string Name { get; init; }

    public required string Balance { get; init; }

    public required int Healthy { get; init; }

    public required int Total { get; init; }

    public required int Active { get; init; }

    public required int Queued { get; init; }

    public required int QueueMax { get; init; }

    public required long QueueTimeouts { get; init; }

    public required long Sessions { get; init; }

    public required long BytesIn { get; init; }

    public required long BytesOut { get; init; }

    /// <summary>Connections that went to another server after a failed connect.</summary>
    public required long Redispatches { get; init; }

    /// <summary>Connections closed because no server was usable (or the queue was full).</summary>
    public required long Refused { get; init; }

    public required IReadOnlyList<ServerStatusInfo> Servers { get; init; }
}
