namespace HaKube.Tcplb.DataPlane;

/// <summary>The two ends of a pipe(2) used as a splice buffer, its capacity in bytes, and whether that capacity was enlarged from the <see cref="LargePipeBudget"/>.</summary>
internal readonly record struct PipePair(int ReadFd, int WriteFd, int Capacity, bool Enlarged)
{
    public static readonly PipePair None = new(-1, -1, 0, false);

    public bool IsNone => ReadFd < 0;
}
