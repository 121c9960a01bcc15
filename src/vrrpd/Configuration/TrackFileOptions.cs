namespace HaKube.Vrrpd.Configuration;

/// <summary>
/// A file tracker (track_file, formerly vrrp_track_file): the file holds a number; the priority changes by
/// number × weight, and with weight 0 a non-zero number means fault.
/// </summary>
/// <param name="Name">Name that instances reference in track_file.</param>
/// <param name="Path">Path of the watched file (file).</param>
/// <param name="Weight">Multiplier of the number in the file. Keepalived's default 1 and range -254..254.</param>
/// <param name="WeightReverse">Invert the sense of <see cref="Weight"/>.</param>
/// <param name="InitValue">Create the file with this number at start if missing (init_file VALUE); null: leave it alone.</param>
/// <param name="InitOverwrite">Write <see cref="InitValue"/> even when the file exists (init_file ... overwrite).</param>
internal sealed record TrackFileOptions(
    string Name = "",
    string Path = "",
    int Weight = 1,
    bool WeightReverse = false,
    int? InitValue = null,
    bool InitOverwrite = false)
{

}
