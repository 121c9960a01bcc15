namespace HaKube.Vrrpd.Daemon;

/// <summary>An instance the daemon runs, with the fingerprint of the configuration it was started from.</summary>
internal sealed record RunningInstance(VrrpInstance Instance, string Fingerprint);
