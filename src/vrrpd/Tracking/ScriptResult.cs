namespace HaKube.Vrrpd.Tracking;

/// <summary>The outcome of one script run, with the exit code and the last line it wrote to stderr.</summary>
internal readonly record struct ScriptResult(ScriptOutcome Outcome, int ExitCode, string Message)
{
    public bool Succeeded => Outcome == ScriptOutcome.Success;
}
