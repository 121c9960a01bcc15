namespace HaKube.Vrrpd.Tracking;

/// <summary>A track script's debounced state after a run, with that run's result.</summary>
/// <param name="IsUp">Up after rise/fall.</param>
/// <param name="Result">How the run ended (default before the first run).</param>
/// <param name="Changed">This run flipped <paramref name="IsUp"/>.</param>
internal readonly record struct ScriptProbeRun(bool IsUp, ScriptResult Result, bool Changed);
