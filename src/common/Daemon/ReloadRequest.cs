namespace HaKube.Common.Daemon;

/// <summary>A request to re-read the configuration, and where it came from ("SIGHUP", "admin").</summary>
public readonly record struct ReloadRequest(string Source);
