namespace HaKube.Vrrpd.Tracking;

/// <summary>One track_file as the tracker applies it.</summary>
/// <param name="Name">Tracker name.</param>
/// <param name="Path">The watched file.</param>
/// <param name="Weight">Multiplier of the number in the file (0: a non-zero number is a fault).</param>
/// <param name="WeightReverse">Negate the contribution (weight 0: a zero number is the fault).</param>
/// <param name="InitValue">init_file VALUE: written at start when the file is missing; null: no init_file.</param>
/// <param name="InitOverwrite">init_file ... overwrite: written at start even when the file exists.</param>
internal sealed record FileTrackerSettings(string Name, string Path, int Weight = 1, bool WeightReverse = false, int? InitValue = null, bool InitOverwrite = false);
