namespace HaKube.Tcplb.Tests.Integration;

/// <summary>The integration tests share one lab and run one after another (2 cores, real daemons).</summary>
[CollectionDefinition(Name)]
public sealed class TcplbLabGroup : ICollectionFixture<TcplbLab>
{
    public const string Name = "tcplb lab";
}
