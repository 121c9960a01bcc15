using HaKube.Vrrpd.Configuration;
using HaKube.Vrrpd.Tracking;

namespace HaKube.Vrrpd.Daemon;

/// <summary>Builds the trackers an instance references, by kind.</summary>
internal static class InstanceTrackers
{
    /// <summary>
    /// The instance's trackers. Track scripts are built here; every other kind (interface, process, file, tcplb)
    /// comes from the tracking library's factory, plugged in at the one marked place below. References it cannot
    /// serve yet are returned in <paramref name="unsupported"/> so the daemon can warn about them.
    /// </summary>
    public static IReadOnlyList<ITracker> Create(
        VrrpdOptions options, VrrpInstanceOptions instance, IScriptRunner runner, TimeProvider time, out IReadOnlyList<string> unsupported)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(instance);
        var trackers = new List<ITracker>();
        var missing = new List<string>();
        foreach (var reference in instance.TrackScripts)
        {
            var script = options.TrackScripts.FirstOrDefault(s => s.Name == reference.Name);
            if (script is null)
            {
                missing.Add("track_script " + reference.Name);
                continue;
            }

            // An instance's "weight N [reverse]" replaces the script's weight and its sense together.
            var reverse = reference.Weight is null ? script.WeightReverse : reference.WeightReverse;
            trackers.Add(new ScriptTrackerAdapter(ToSettings(script, reference, options.Global), runner, time, reverse));
        }

        // ---- TrackerFactory plug-in point --------------------------------------------------------------------
        // The event-driven trackers (track_interface, track_process, track_file, tcplb readiness) are built by
        // the tracking library's factory; until it is merged their references are reported as unsupported.
        // Replace this block with: trackers.AddRange(TrackerFactory.Create(options, instance, ...));
        missing.AddRange(instance.TrackInterfaces.Select(r => "track_interface " + r.Name));
        missing.AddRange(instance.TrackProcesses.Select(r => "track_process " + r.Name));
        missing.AddRange(instance.TrackFiles.Select(r => "track_file " + r.Name));
        missing.AddRange(instance.TrackTcplb.Select(r => "trackTcplb " + r.Name));
        // -------------------------------------------------------------------------------------------------------

        unsupported = missing;
        return trackers;
    }

    /// <summary>A vrrp_script as the tracker runs it, with the instance's weight override.</summary>
    public static ScriptTrackerSettings ToSettings(TrackScriptOptions script, TrackReference reference, GlobalOptions global)
    {
        ArgumentNullException.ThrowIfNull(script);
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(global);
        var interval = TimeSpan.FromSeconds((double)script.Interval);
        var timeout = script.Timeout is { } t ? TimeSpan.FromSeconds((double)t) : interval;
        return new ScriptTrackerSettings(
            script.Name,
            script.Command,
            interval,
            timeout,
            script.Rise,
            script.Fall,
            reference.Weight ?? script.Weight,
            script.User ?? global.ScriptUser,
            script.Group ?? global.ScriptGroup,
            InitiallyUp: !script.InitFail);
    }
}
