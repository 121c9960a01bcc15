namespace HaKube.Common.Tests.Admin;

// tcplb's readiness stream, as vrrpd's tracker (d) will follow it.
internal sealed record Readiness(bool Listening, int HealthyBackends);
