namespace HaKube.Installer.Lab;

/// <summary>The result of `lab restore`: which daemons were started again, and who holds the VIP once stable.</summary>
internal sealed record RestoreReport(IReadOnlyList<string> Restarted, string Holder, double TookMs);
