namespace HaKube.Vrrpd.Daemon.Admin;

/// <summary>The last state change of an instance and why.</summary>
internal sealed record TransitionInfo(DateTimeOffset At, string From, string To, string Reason);
