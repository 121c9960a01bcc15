namespace HaKube.Vrrpd.Daemon;

/// <summary>How `vrrpd -f PATH` was asked to run.</summary>
/// <param name="ConfigPath">The configuration file (native JSON or keepalived.conf).</param>
/// <param name="RunDirectory">--run-dir; null: the configuration's, else /run/vrrpd.</param>
internal sealed record DaemonRunOptions(string ConfigPath, string? RunDirectory)
{
    /// <summary>The clock of every timer; tests may pass a fake one.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;
}
