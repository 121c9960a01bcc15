namespace HaKube.Tcplb.Health;

/// <summary>
/// One server's health, HAProxy's way: <see cref="Health"/> counts from 0 to rise + fall - 1; the server is up at rise
/// or more. It starts at rise, "up, but will fall down at first failure" (HAProxy's server.c): servers start in service.
/// </summary>
internal readonly record struct ServerHealthState
{
    public int Health { get; init; }

    public bool IsUp { get; init; }

    /// <summary>Why the server is down; null while up.</summary>
    public DownReason? DownReason { get; init; }

    /// <summary>When established sessions must be closed (down by active checks, grace elapsed); null = keep them.</summary>
    public DateTimeOffset? CloseSessionsAt { get; init; }

    /// <summary>Last up/down change; null = none since start.</summary>
    public DateTimeOffset? LastChange { get; init; }

    public DateTimeOffset? LastCheckAt { get; init; }

    public CheckOutcome? LastCheck { get; init; }
}
