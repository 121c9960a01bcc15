using HaKube.Vrrpd.Configuration;
using Microsoft.Extensions.Logging;

namespace HaKube.Vrrpd.Tracking;

/// <summary>
/// Builds an instance's trackers from the options: each reference (track_script, track_interface,
/// track_process, track_file, trackTcplb) becomes one tracker, with the reference's weight override
/// (<c>NAME weight N [reverse]</c>) applied. Script trackers of every instance built on the same services share
/// one run of each script (<see cref="TrackerServices.ScriptProbes"/>). Unless <c>dont_track_primary</c> is set, the instance's own
/// interface is tracked too (weight 0: fault when it goes down), as Keepalived does; an explicit
/// track_interface entry for it takes precedence.
/// The trackers are not started; the caller starts and disposes them.
/// </summary>
internal static class TrackerFactory
{
    /// <summary>The trackers of <paramref name="instance"/>, in the order: primary interface, scripts, interfaces, processes, files, tcplb.</summary>
    /// <exception cref="InvalidOperationException">A reference names a tracker the options do not define (the validator rejects such files first).</exception>
    public static IReadOnlyList<ITracker> Create(VrrpdOptions options, VrrpInstanceOptions instance, TrackerServices services)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(services);
        var trackers = new List<ITracker>();
        if (!instance.DontTrackPrimary && instance.Interface.Length > 0 && !instance.TrackInterfaces.Any(r => r.Name == instance.Interface))
        {
            trackers.Add(Interface(new TrackReference(instance.Interface), services));
        }

        foreach (var reference in instance.TrackScripts)
        {
            trackers.Add(Debounced(Script(Find(options.TrackScripts, reference, s => s.Name, "track script"), reference, options.Global, services), reference, services));
        }

        foreach (var reference in instance.TrackInterfaces)
        {
            trackers.Add(Debounced(Interface(reference, services), reference, services));
        }

        foreach (var reference in instance.TrackProcesses)
        {
            trackers.Add(Debounced(Process(Find(options.TrackProcesses, reference, p => p.Name, "process tracker"), reference, services), reference, services));
        }

        foreach (var reference in instance.TrackFiles)
        {
            trackers.Add(Debounced(File(Find(options.TrackFiles, reference, f => f.Name, "file tracker"), reference, services), reference, services));
        }

        foreach (var reference in instance.TrackTcplb)
        {
            trackers.Add(Debounced(Balancer(Find(options.TrackTcplb, reference, b => b.Name, "tcplb tracker"), reference, services), reference, services));
        }

        return trackers;
    }

    /// <summary><paramref name="tracker"/> behind the reference's rise and fall delays, or as it is when it sets none.</summary>
    public static ITracker Debounced(ITracker tracker, TrackReference reference, TrackerServices services)
    {
        ArgumentNullException.ThrowIfNull(tracker);
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(services);
        var settings = new DebounceSettings(TimeSpan.FromSeconds((double)reference.RiseDelay), TimeSpan.FromSeconds((double)reference.FallDelay));
        return settings.IsActive
            ? new DebouncedTracker(tracker, settings, services.Time, services.LoggerFactory.CreateLogger<DebouncedTracker>())
            : tracker;
    }

    /// <summary>The weight in force: the reference's, else the tracker's; and the reference's reverse flag, else the tracker's.</summary>
    public static (int Weight, bool Reverse) EffectiveWeight(TrackReference reference, int weight, bool reverse)
    {
        ArgumentNullException.ThrowIfNull(reference);
        return (reference.Weight ?? weight, reference.WeightReverse ?? reverse);
    }

    /// <summary>Keepalived's script_user rule as far as the options carry it: the script's user, else the global one; a global group only goes with the global user.</summary>
    public static (string? User, string? Group) ScriptIdentity(string? user, string? group, GlobalOptions global)
    {
        ArgumentNullException.ThrowIfNull(global);
        return user is not null ? (user, group) : (global.ScriptUser, group ?? global.ScriptGroup);
    }

    private static ScriptTracker Script(TrackScriptOptions script, TrackReference reference, GlobalOptions global, TrackerServices services)
    {
        var (weight, reverse) = EffectiveWeight(reference, script.Weight, script.WeightReverse);
        var (user, group) = ScriptIdentity(script.User, script.Group, global);
        var interval = TimeSpan.FromSeconds((double)script.Interval);
        var settings = new ScriptTrackerSettings(script.Name, script.Command, interval,
            script.Timeout is { } timeout ? TimeSpan.FromSeconds((double)timeout) : interval,
            script.Rise, script.Fall, weight, user, group, InitiallyUp: !script.InitFail, WeightReverse: reverse);
        var logger = services.LoggerFactory.CreateLogger<ScriptTracker>();
        // One probe per script, however many instances reference it: the script runs once per interval.
        var probe = services.ScriptProbes.Acquire(settings, services.ScriptRunner, services.Time, logger);
        return new ScriptTracker(settings, probe, services.ScriptProbes.ReleaseAsync, logger);
    }

    private static InterfaceTracker Interface(TrackReference reference, TrackerServices services) =>
        new(reference.Name, reference.Weight ?? 0, reference.WeightReverse ?? false, services.Links, services.LoggerFactory.CreateLogger<InterfaceTracker>());

    private static ProcessTracker Process(TrackProcessOptions process, TrackReference reference, TrackerServices services)
    {
        var (weight, reverse) = EffectiveWeight(reference, process.Weight, process.WeightReverse);
        var logger = services.LoggerFactory.CreateLogger<ProcessTracker>();
        IProcessSource source = services.ProcessSources?.Invoke(process)
            ?? (process.PidFile is { } pidfile
                ? new PidfileProcessSource(pidfile, services.Pidfds)
                : new ProcessNameSource(new ProcessMatch(process.ProcessName!, process.Arguments, process.FullCommand), services.Pidfds,
                    services.Time, services.ProcessRescanInterval, services.ProcessesInOwnNetworkNamespaceOnly, logger, process.Name));
        var settings = new ProcessTrackerSettings(process.Name, weight, reverse, process.Quorum, process.QuorumMax,
            TimeSpan.FromSeconds((double)process.ForkDelay), TimeSpan.FromSeconds((double)process.TerminateDelay));
        return new ProcessTracker(settings, source, services.Time, logger);
    }

    private static FileTracker File(TrackFileOptions file, TrackReference reference, TrackerServices services)
    {
        var (weight, reverse) = EffectiveWeight(reference, file.Weight, file.WeightReverse);
        var settings = new FileTrackerSettings(file.Name, file.Path, weight, reverse, file.InitValue, file.InitOverwrite);
        return new FileTracker(settings, services.Time, services.LoggerFactory.CreateLogger<FileTracker>());
    }

    private static BalancerTracker Balancer(TcplbTrackerOptions tcplb, TrackReference reference, TrackerServices services)
    {
        var settings = new BalancerTrackerSettings(tcplb.Name, tcplb.AdminSocket, reference.Weight ?? tcplb.NoHealthyBackendWeight, tcplb.FaultWhenGone);
        return new BalancerTracker(settings, services.Time, services.LoggerFactory.CreateLogger<BalancerTracker>());
    }

    private static T Find<T>(IReadOnlyList<T> defined, TrackReference reference, Func<T, string> name, string what) =>
        defined.FirstOrDefault(d => name(d) == reference.Name)
        ?? throw new InvalidOperationException($"the instance references {what} '{reference.Name}', which is not defined");
}
