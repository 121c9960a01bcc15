namespace HaKube.Vrrpd.Tracking;

/// <summary>
/// What one tracker currently says, in Keepalived's terms. <see cref="Weight"/> 0 makes a failure a fault;
/// a positive weight is added to the priority while the tracker is up; a negative one is added while it is down.
/// <see cref="Adjustment"/> carries a track_file's value or a balancer's partial state (no healthy backend)
/// when the tracker itself decides the amount.
/// </summary>
internal sealed record TrackerStatus(string Name, TrackerKind Kind, bool IsUp, int Weight, int? Adjustment = null, string Detail = "");
