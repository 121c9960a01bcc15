using HaKube.Vrrpd.StateMachine;

namespace HaKube.Vrrpd.Daemon;

/// <summary>An instance changed state: what notify scripts and sync groups are told.</summary>
internal sealed record InstanceStateChange(string Instance, VrrpState From, VrrpState To, VrrpTransitionReason Reason, byte Priority, DateTimeOffset At);
