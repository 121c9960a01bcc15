namespace HaKube.Tcplb.Tests.DataPlane;

/// <summary>Tests that exhaust or raise this process's descriptor limit: run alone, after the parallel ones.</summary>
[CollectionDefinition(nameof(DescriptorHungryTests), DisableParallelization = true)]
public sealed class DescriptorHungryTests
{
}
