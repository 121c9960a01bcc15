using System.Text.Json;
using HaKube.Vrrpd.Configuration;
using HaKube.Vrrpd.Configuration.Json;

namespace HaKube.Vrrpd.Daemon;

/// <summary>
/// What decides whether a reload must restart an instance: the instance's own options, its sync group, the trackers
/// it and its group reference and the global options, written out in the native format. Equal text: the instance
/// keeps running untouched.
/// </summary>
internal static class InstanceFingerprint
{
    public static string Of(VrrpdOptions options, VrrpInstanceOptions instance)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(instance);
        var tracked = SyncGroupTracking.WithGroupTrackers(options, instance);
        var scripts = tracked.TrackScripts.Select(r => r.Name).ToHashSet(StringComparer.Ordinal);
        var processes = tracked.TrackProcesses.Select(r => r.Name).ToHashSet(StringComparer.Ordinal);
        var files = tracked.TrackFiles.Select(r => r.Name).ToHashSet(StringComparer.Ordinal);
        var balancers = tracked.TrackTcplb.Select(r => r.Name).ToHashSet(StringComparer.Ordinal);
        var groups = options.SyncGroups.Where(g => g.Instances.Contains(instance.Name, StringComparer.Ordinal)).ToList();
        // The run directory and metrics endpoint belong to the daemon, not to an instance.
        var global = options.Global with { RunDirectory = GlobalOptions.DefaultRunDirectory, MetricsListen = null };
        var relevant = new VrrpdOptions(
            global,
            [.. options.TrackScripts.Where(s => scripts.Contains(s.Name))],
            [.. options.TrackProcesses.Where(p => processes.Contains(p.Name))],
            [.. options.TrackFiles.Where(f => files.Contains(f.Name))],
            [.. options.TrackTcplb.Where(t => balancers.Contains(t.Name))],
            // With its group's trackers applied: another member becoming the address owner changes their weights.
            [tracked],
            groups);
        return JsonSerializer.Serialize(relevant, VrrpdJsonContext.Default.VrrpdOptions);
    }
}
