using HaKube.Installer.Lab;

namespace HaKube.Lab.Tests;

/// <summary>
/// `hakube lab` end to end with vrrpd + tcplb (native files, HaKube's recommended configuration). Until the daemons
/// run, this fails at `lab up` with the daemon's name, its command line and its output.
/// </summary>
[Collection(WholeLabs.Name)]
public sealed class HaKubeLabTests
{
    [Fact]
    public Task UpFailoverDown_VipMoves_NeighbourFollows_ProbesRecover_NothingLeft()
        => LabScenario.UpFailoverDownAsync(LabMode.HaKube);
}
