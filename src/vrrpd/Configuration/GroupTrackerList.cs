namespace HaKube.Vrrpd.Configuration;

/// <summary>One kind of tracker reference a sync group and its members can both carry (track_script, track_file, ...).</summary>
/// <param name="Field">The list's property, as the native format spells it (<c>trackScripts</c>).</param>
/// <param name="Keyword">The keepalived.conf block (<c>track_script</c>); the native-only kind has none.</param>
/// <param name="What">What a reference names, for messages (<c>track script</c>).</param>
/// <param name="OfGroup">The group's references of this kind.</param>
/// <param name="OfInstance">An instance's references of this kind.</param>
/// <param name="WithList">The instance with its references of this kind replaced.</param>
/// <param name="DefinedWeight">The definition's weight and reverse flag, used when a reference gives no weight; null: none defined.</param>
/// <param name="IgnoredWhenWeighted">
/// A member's own reference of this kind with a weight is dropped in a sync group without sync_group_tracking_weight
/// (Keepalived 2.2.7 does so for track_script and track_file only).
/// </param>
internal sealed record GroupTrackerList(
    string Field,
    string Keyword,
    string What,
    Func<SyncGroupOptions, IReadOnlyList<TrackReference>> OfGroup,
    Func<VrrpInstanceOptions, IReadOnlyList<TrackReference>> OfInstance,
    Func<VrrpInstanceOptions, IReadOnlyList<TrackReference>, VrrpInstanceOptions> WithList,
    Func<VrrpdOptions, string, (int Weight, bool Reverse)?> DefinedWeight,
    bool IgnoredWhenWeighted = false);
