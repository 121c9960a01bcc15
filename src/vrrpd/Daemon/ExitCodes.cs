namespace HaKube.Vrrpd.Daemon;

/// <summary>vrrpd's exit codes: 0 success, non-zero for errors (the CLI contract of issue 3).</summary>
internal static class ExitCodes
{
    public const int Success = 0;

    /// <summary>The configuration has errors (--check, or the daemon refusing to start).</summary>
    public const int ConfigError = 1;

    /// <summary>The daemon could not start: run directory taken, interface missing, socket refused.</summary>
    public const int StartupError = 2;

    /// <summary>status / maint: no daemon answers on the run directory's admin socket.</summary>
    public const int NotRunning = 3;

    /// <summary>--release could not remove every recorded address, or a daemon still runs.</summary>
    public const int ReleaseFailed = 4;

    /// <summary>Wrong command line.</summary>
    public const int Usage = 64;
}
