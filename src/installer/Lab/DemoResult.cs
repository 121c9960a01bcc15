namespace HaKube.Installer.Lab;

/// <summary>What `lab demo --json` prints: one run per lab.</summary>
internal sealed record DemoResult(IReadOnlyList<DemoRun> Runs);
