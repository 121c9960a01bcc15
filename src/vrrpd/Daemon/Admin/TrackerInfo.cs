namespace HaKube.Vrrpd.Daemon.Admin;

/// <summary>One tracker in `vrrpd status`.</summary>
internal sealed record TrackerInfo(string Name, string Kind, bool Up, int Weight, int? Adjustment, string Detail);
