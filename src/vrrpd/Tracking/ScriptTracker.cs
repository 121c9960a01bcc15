using Microsoft.Extensions.Logging;

namespace HaKube.Vrrpd.Tracking;

/// <summary>
/// One instance's view of a track script: the script runs in a <see cref="ScriptProbe"/> (every interval on its
/// own task, never on an instance's loop, so a slow script cannot delay an advert; debounced with rise/fall), and
/// this tracker reports its state with the instance's own weight. Instances that reference the same vrrp_script
/// share one probe (from a <see cref="ScriptProbePool"/>), so the script runs once per interval, as in Keepalived.
/// </summary>
internal sealed class ScriptTracker : TrackerBase
{
    private readonly ScriptProbe _probe;
    private readonly Func<ScriptProbe, ValueTask> _release;
    private readonly Action<ScriptProbeRun> _onRun;

    /// <summary>A tracker with a probe of its own.</summary>
    public ScriptTracker(ScriptTrackerSettings settings, IScriptRunner runner, TimeProvider time, ILogger? logger = null)
        : this(settings, new ScriptProbe(Checked(settings), runner, time, logger), static p => p.Release() ? p.DisposeAsync() : ValueTask.CompletedTask, logger)
    {
    }

    /// <summary>A tracker on a shared probe; <paramref name="release"/> gives the probe back at dispose.</summary>
    public ScriptTracker(ScriptTrackerSettings settings, ScriptProbe probe, Func<ScriptProbe, ValueTask> release, ILogger? logger = null)
        : base(Checked(settings).Name, Make(settings, settings.InitiallyUp, ""), logger)
    {
        Settings = settings;
        _probe = probe ?? throw new ArgumentNullException(nameof(probe));
        _release = release ?? throw new ArgumentNullException(nameof(release));
        _onRun = OnRun;
        lock (Gate)
        {
            // Under the gate: a run that ends meanwhile reports after the state we join at, never before it.
            var joined = _probe.Subscribe(_onRun);
            Publish(Make(settings, joined.IsUp, joined.Result.Message ?? ""));
        }

        if (_probe.Initialized.IsCompleted)
        {
            MarkInitialized();
        }
    }

    /// <summary>The script and the weight in force for this instance.</summary>
    public ScriptTrackerSettings Settings { get; }

    /// <summary>How the last run ended.</summary>
    public ScriptResult LastResult => _probe.Current.Result;

    /// <summary>Runs the script now and then every interval until <paramref name="ct"/> is cancelled.</summary>
    public Task RunAsync(CancellationToken ct) => _probe.RunAsync(ct);

    /// <summary>One run and its effect on the debounced state; true when the state changed.</summary>
    public Task<bool> RunOnceAsync(CancellationToken ct) => _probe.RunOnceAsync(ct);

    protected override void OnStart() => _probe.Start();

    protected override async ValueTask OnDisposeAsync()
    {
        _probe.Unsubscribe(_onRun);
        await _release(_probe);
    }

    private void OnRun(ScriptProbeRun run)
    {
        lock (Gate)
        {
            Publish(Make(Settings, run.IsUp, run.Result.Message ?? ""));
        }

        MarkInitialized();
    }

    private static ScriptTrackerSettings Checked(ScriptTrackerSettings settings) => settings ?? throw new ArgumentNullException(nameof(settings));

    private static TrackerStatus Make(ScriptTrackerSettings settings, bool up, string detail) =>
        new(settings.Name, TrackerKind.Script, up, settings.Weight, Detail: detail, WeightReverse: settings.WeightReverse);
}
