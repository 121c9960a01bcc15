namespace HaKube.Vrrpd.SyncGroups;

/// <summary>The result of one <see cref="SyncGroupMachine.Step"/>: the group's next state and what to do.</summary>
internal sealed record SyncGroupStep(SyncGroupState State, IReadOnlyList<SyncGroupAction> Actions);
