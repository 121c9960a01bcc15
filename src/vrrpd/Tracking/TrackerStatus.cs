namespace HaKube.Vrrpd.Tracking;

/// <summary>
/// What one tracker currently says, in Keepalived's terms. <see cref="Weight"/> 0 makes a failure a fault;
/// a positive weight is added to the priority while the tracker is up; a negative one is added while it is down.
/// <see cref="WeightReverse"/> (Keepalived's <c>weight N reverse</c>) turns that around: weight 0 faults while
/// the tracker is up, and a non-zero weight's contribution is negated.
/// <see cref="Adjustment"/> carries a track_file's value or a balancer's partial state (no healthy backend)
/// when the tracker itself decides the amount (reverse already applied); a tracker that decides a fault itself
/// reports down with weight 0.
/// </summary>
internal sealed record TrackerStatus(
    string Name,
    TrackerKind Kind,
    bool IsUp,
    int Weight,
    int? Adjustment = null,
    string Detail = "",
    bool WeightReverse = false);
