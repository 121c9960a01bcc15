namespace HaKube.Tcplb.Balancing;

/// <summary>A pick: the outcome, and the server's index when <see cref="PickOutcome.Server"/> (else -1).</summary>
internal readonly record struct PickResult(PickOutcome Outcome, int Server)
{
    public static PickResult To(int server) => new(PickOutcome.Server, server);

    public static PickResult NoServer => new(PickOutcome.NoServer, -1);
}
