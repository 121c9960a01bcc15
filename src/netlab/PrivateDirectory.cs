namespace HaKube.NetLab;

/// <summary>A directory a host sees privately: an overlay over the machine's directory, or an empty tmpfs.</summary>
public sealed record PrivateDirectory(string Path, bool StartsEmpty = false)
{
    /// <summary>Pass as <c>StartsEmpty</c> for a directory that starts empty.</summary>
    public const bool Empty = true;
}
