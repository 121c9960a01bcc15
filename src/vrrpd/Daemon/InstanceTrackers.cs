using HaKube.Vrrpd.Configuration;
using HaKube.Vrrpd.Tracking;

namespace HaKube.Vrrpd.Daemon;

/// <summary>Builds the trackers an instance references (scripts, interfaces, processes, files, the local tcplb).</summary>
internal static class InstanceTrackers
{
    /// <summary>
    /// The instance's trackers, from the tracking library's factory: its own references and its sync group's
    /// (<see cref="SyncGroupTracking"/>). The instance's own interface is watched by the instance itself (a carrier
    /// loss is a fault unless dont_track_primary), so the factory is not asked to add a second tracker for it; an
    /// explicit track_interface entry for it is still honoured.
    /// </summary>
    public static IReadOnlyList<ITracker> Create(VrrpdOptions options, VrrpInstanceOptions instance, TrackerServices services)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(instance);
        return TrackerFactory.Create(options, SyncGroupTracking.WithGroupTrackers(options, instance) with { DontTrackPrimary = true }, services);
    }
}
