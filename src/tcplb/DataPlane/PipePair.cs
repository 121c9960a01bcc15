namespace HaKube.Tcplb.DataPlane;

/// <summary>The two ends of a pipe(2) used as a splice buffer.</summary>
internal readonly record struct PipePair(int ReadFd, int WriteFd)
{
    public static readonly PipePair None = new(-1, -1);

    public bool IsNone => ReadFd < 0;
}
