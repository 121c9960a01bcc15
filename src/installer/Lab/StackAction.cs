namespace HaKube.Installer.Lab;

/// <summary>Something a stack's emulated service manager did on its own (a daemon exited: its ExecStopPost ran).</summary>
/// <param name="At">When it finished.</param>
/// <param name="Host">The load balancer it ran on.</param>
/// <param name="What">What it did, in words.</param>
internal sealed record StackAction(DateTimeOffset At, string Host, string What);
