namespace HaKube.Common.Admin;

/// <summary>How an admin client names the daemon in its messages, and how long it waits.</summary>
public sealed record AdminClientOptions
{
    /// <summary>Default options: the daemon named after the socket's directory, 5 s timeout.</summary>
    public static AdminClientOptions Default { get; } = new();

    /// <summary>The daemon's name in messages; null takes the socket directory's name (/run/vrrpd/admin.sock → vrrpd).</summary>
    public string? DaemonName { get; init; }

    /// <summary>Bound on connecting plus the reply (for a subscription: until the subscription is confirmed).</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(5);
}
