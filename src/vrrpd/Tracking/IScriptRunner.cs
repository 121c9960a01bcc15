namespace HaKube.Vrrpd.Tracking;

/// <summary>Runs a script to completion or timeout; the seam between tracker scheduling and real processes.</summary>
internal interface IScriptRunner
{
    /// <summary>Runs <paramref name="argv"/> to completion or until <paramref name="timeout"/>, as <paramref name="user"/> when given.</summary>
    Task<ScriptResult> RunAsync(IReadOnlyList<string> argv, TimeSpan timeout, string? user = null, string? group = null,
        IReadOnlyDictionary<string, string>? environment = null, CancellationToken ct = default);
}
