namespace HaKube.Tcplb.Runtime;

/// <summary>One log destination in <c>tcplb status</c>.</summary>
internal sealed record LogTargetStatus
{
    /// <summary>As the configuration wrote it ("/dev/log", "udp@10.0.0.1:514", "stdout").</summary>
    public required string Target { get; init; }

    /// <summary>False while it is unreachable (retried every 5 s).</summary>
    public required bool Available { get; init; }

    public required long Sent { get; init; }

    /// <summary>Lines dropped because its buffer was full.</summary>
    public required long Dropped { get; init; }

    /// <summary>Lines lost while it was unreachable.</summary>
    public required long Failed { get; init; }

    /// <summary>Why it is unreachable; null when it is not.</summary>
    public string? LastError { get; init; }
}
