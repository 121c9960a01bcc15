namespace HaKube.Lab.Tests;

/// <summary>
/// The test classes that run whole labs (five hosts of daemons, and a client probing through the VIP every 10 ms with
/// a 1 s timeout) run one after the other: two labs at once on two cores made probes time out that no balancer
/// dropped (a TLS GET through a stand-in slowed by the other lab's start-up), and the failover reports failed.
/// </summary>
[CollectionDefinition(Name)]
public sealed class WholeLabs
{
    public const string Name = "whole labs, one at a time";
}
