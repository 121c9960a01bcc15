namespace HaKube.Vrrpd.Configuration;

/// <summary>
/// Keepalived 2.2.7's tracker rules for sync groups, checked against its daemon (data dump and logs).
/// <para>
/// A member's own references (vrrp.c, vrrp_complete_instance): without sync_group_tracking_weight (or its old name
/// global_tracking) on the group, a track_script or track_file entry whose weight (the reference's, else the
/// definition's) is not 0 is dropped, so it neither faults the member nor moves its priority ("(VI_1) ignoring tracked
/// script chk with weights due to SYNC group"); weight-0 entries stay and fault. track_process weights apply as
/// outside a group, and so do track_interface weights (Keepalived logs that it ignores them, and applies them).
/// </para>
/// <para>
/// Trackers declared on the group (sync_group_tracking_init, run after the members' own are set up): each one applies
/// to every member as if the member listed it, with its weight (sync_group_tracking_weight does not matter here). When
/// a member is the address owner (priority 255) the group's weights are cleared, so each group tracker only faults the
/// members ("Cannot have weighted track script ... with member having priority 255 - clearing weight"). A member that
/// lists a tracker its group lists too gets the group's entry (the member's weight no longer applies). Pure.
/// </para>
/// </summary>
internal static class SyncGroupTracking
{
    /// <summary>The kinds, in the order an instance's trackers are built.</summary>
    public static IReadOnlyList<GroupTrackerList> Lists { get; } =
    [
        new("trackScripts", "track_script", "track script", g => g.TrackScripts, i => i.TrackScripts, (i, l) => i with { TrackScripts = l },
            (o, name) => o.TrackScripts.FirstOrDefault(s => s.Name == name) is { } s ? (s.Weight, s.WeightReverse) : null,
            IgnoredWhenWeighted: true),
        new("trackInterfaces", "track_interface", "interface", g => g.TrackInterfaces, i => i.TrackInterfaces, (i, l) => i with { TrackInterfaces = l },
            (_, _) => (0, false)),
        new("trackProcesses", "track_process", "process tracker", g => g.TrackProcesses, i => i.TrackProcesses, (i, l) => i with { TrackProcesses = l },
            (o, name) => o.TrackProcesses.FirstOrDefault(p => p.Name == name) is { } p ? (p.Weight, p.WeightReverse) : null),
        new("trackFiles", "track_file", "file tracker", g => g.TrackFiles, i => i.TrackFiles, (i, l) => i with { TrackFiles = l },
            (o, name) => o.TrackFiles.FirstOrDefault(f => f.Name == name) is { } f ? (f.Weight, f.WeightReverse) : null,
            IgnoredWhenWeighted: true),
        new("trackTcplb", "", "tcplb tracker", g => g.TrackTcplb, i => i.TrackTcplb, (i, l) => i with { TrackTcplb = l },
            (o, name) => o.TrackTcplb.FirstOrDefault(t => t.Name == name) is { } t ? (t.NoHealthyBackendWeight, false) : null),
    ];

    /// <summary>The sync group <paramref name="instance"/> belongs to, if any (the first that lists it).</summary>
    public static SyncGroupOptions? GroupOf(VrrpdOptions options, string instance)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.SyncGroups.FirstOrDefault(g => g.Instances.Contains(instance, StringComparer.Ordinal));
    }

    /// <summary>Whether a member of <paramref name="group"/> is the address owner (priority 255): the group's trackers then only fault.</summary>
    public static bool HasAddressOwner(VrrpdOptions options, SyncGroupOptions group)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(group);
        return options.Instances.Any(i => i.Priority == 255 && group.Instances.Contains(i.Name, StringComparer.Ordinal));
    }

    /// <summary>The weight and reverse flag a reference applies (its own, else the definition's), before the address-owner rule.</summary>
    public static (int Weight, bool Reverse) WeightOf(VrrpdOptions options, GroupTrackerList list, TrackReference reference)
    {
        ArgumentNullException.ThrowIfNull(list);
        ArgumentNullException.ThrowIfNull(reference);
        var defined = list.DefinedWeight(options, reference.Name) ?? (0, false);
        return (reference.Weight ?? defined.Weight, reference.WeightReverse ?? defined.Reverse);
    }

    /// <summary>
    /// Whether <paramref name="reference"/>, one of a member's own, is dropped because the member is in
    /// <paramref name="group"/>: a weighted track_script or track_file, and the group without sync_group_tracking_weight.
    /// </summary>
    public static bool IsIgnoredInGroup(VrrpdOptions options, SyncGroupOptions group, GroupTrackerList list, TrackReference reference)
    {
        ArgumentNullException.ThrowIfNull(group);
        ArgumentNullException.ThrowIfNull(list);
        return list.IgnoredWhenWeighted && !group.TrackingWeight && WeightOf(options, list, reference).Weight != 0;
    }

    /// <summary>
    /// <paramref name="instance"/> as its trackers are built: its own references, less the weighted ones its group
    /// ignores and those its group also lists, then the group's (weights cleared when a member is the address owner).
    /// An instance outside any group, or one the group changes nothing for, is returned as it is.
    /// </summary>
    public static VrrpInstanceOptions WithGroupTrackers(VrrpdOptions options, VrrpInstanceOptions instance)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(instance);
        if (GroupOf(options, instance.Name) is not { } group)
        {
            return instance;
        }

        var owner = HasAddressOwner(options, group);
        foreach (var list in Lists)
        {
            var own = list.OfInstance(instance);
            var fromGroup = list.OfGroup(group);
            var names = fromGroup.Select(r => r.Name).ToHashSet(StringComparer.Ordinal);
            var kept = own.Where(r => !names.Contains(r.Name) && !IsIgnoredInGroup(options, group, list, r)).ToList();
            if (kept.Count == own.Count && fromGroup.Count == 0)
            {
                continue;
            }

            var applied = fromGroup.Select(r => owner ? r with { Weight = 0, WeightReverse = WeightOf(options, list, r).Reverse } : r);
            instance = list.WithList(instance, [.. kept, .. applied]);
        }

        return instance;
    }
}
