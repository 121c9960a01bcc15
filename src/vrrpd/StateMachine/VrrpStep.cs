namespace HaKube.Vrrpd.StateMachine;

/// <summary>The result of one step: the new state and what the adapter must do, in order.</summary>
internal readonly record struct VrrpStep(VrrpInstanceState State, VrrpActionList Actions);
