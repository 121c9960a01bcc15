namespace HaKube.Vrrpd.Configuration;

/// <summary>
/// A file tracker (track_file, formerly vrrp_track_file): the file holds a number; the priority changes by
/// number × weight, and with weight 0 a non-zero number means fault.
/// </summary>
internal sealed record TrackFileOptions
{
    /// <summary>Name that instances reference in track_file.</summary>
    public string Name { get; init; } = "";

    /// <summary>Path of the watched file (file).</summary>
    public string Path { get; init; } = "";

    /// <summary>Multiplier of the number in the file. Keepalived's default 1 and range -254..254.</summary>
    public int Weight { get; init; } = 1;

    /// <summary>Invert the sense of <see cref="Weight"/>.</summary>
    public bool WeightReverse { get; init; }

    /// <summary>Create the file with this number at start if missing (init_file VALUE); null: leave it alone.</summary>
    public int? InitValue { get; init; }

    /// <summary>Write <see cref="InitValue"/> even when the file exists (init_file ... overwrite).</summary>
    public bool InitOverwrite { get; init; }
}
