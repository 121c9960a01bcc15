using HaKube.Tcplb.Balancing;
using HaKube.Tcplb.Configuration;

namespace HaKube.Tcplb.Tests.Balancing;

/// <summary>
/// Where each retry goes after a failed connect, as HAProxy decides (stream_choose_redispatch, back_handle_st_cer):
/// retries 3, connect timeout 5 s, so the same-server turn-around is 1 s.
/// </summary>
public sealed class ConnectRetryTests
{
    private static readonly TimeSpan Connect = TimeSpan.FromSeconds(5);
    private static readonly RetryDecision Same = new(RetryAction.SameServer, TimeSpan.FromSeconds(1));
    private static readonly RetryDecision Elsewhere = new(RetryAction.Redispatch, TimeSpan.Zero);
    private static readonly RetryDecision GiveUp = new(RetryAction.GiveUp, TimeSpan.Zero);

    /// <summary>The server still up and the pick tied to the client (source hashing): only the interval moves a retry.</summary>
    private static readonly RetryContext Pinned = new(ServerUp: true, SpreadsFreely: false);

    /// <summary>What tcplb reads for a backend without 'option redispatch' (and the native format's default).</summary>
    private static readonly RetryOptions Absent = new() { Retries = 3 };

    private static readonly RetryOptions OptionRedispatch = new() { Retries = 3, Redispatch = true, RedispatchInterval = -1 };

    private static readonly RetryOptions NoOptionRedispatch = new() { Retries = 3, Redispatch = false, RedispatchInterval = -1 };

    [Fact]
    public void Absent_EveryRetryGoesElsewhere_AtOnce_ThenGivesUp()
        => Assert.Equal([Elsewhere, Elsewhere, Elsewhere, GiveUp], Run(Absent, Pinned));

    [Fact]
    public void OptionRedispatch_ServerUpAndPinned_SameServerThenElsewhereOnTheLastRetry()
        => Assert.Equal([Same, Same, Elsewhere, GiveUp], Run(OptionRedispatch, Pinned));

    [Fact]
    public void OptionRedispatch_ServerMarkedDown_ElsewhereAtOnce()
        => Assert.Equal([Elsewhere, Elsewhere, Elsewhere, GiveUp], Run(OptionRedispatch, new RetryContext(ServerUp: false, SpreadsFreely: false)));

    [Fact]
    public void OptionRedispatch_RoundRobinOverSeveralServers_ElsewhereAtOnce()
        => Assert.Equal([Elsewhere, Elsewhere, Elsewhere, GiveUp], Run(OptionRedispatch, new RetryContext(ServerUp: true, SpreadsFreely: true)));

    [Theory]
    [InlineData(true, true)]
    [InlineData(false, true)]
    [InlineData(true, false)]
    [InlineData(false, false)]
    public void NoOptionRedispatch_EveryRetryOnTheSameServer_WhateverItsState_ThenFails(bool serverUp, bool spreadsFreely)
        => Assert.Equal([Same, Same, Same, GiveUp], Run(NoOptionRedispatch, new RetryContext(serverUp, spreadsFreely)));

    [Fact]
    public void RedispatchInterval2_EverySecondRetryElsewhere()
        => Assert.Equal([Same, Elsewhere, Same, GiveUp], Run(OptionRedispatch with { RedispatchInterval = 2 }, Pinned));

    [Fact]
    public void RedispatchIntervalMinus2_TheRetryBeforeTheLast()
        => Assert.Equal([Same, Elsewhere, Same, GiveUp], Run(OptionRedispatch with { RedispatchInterval = -2 }, Pinned));

    [Fact]
    public void RedispatchInterval0_IsNoRedispatch()
        => Assert.Equal([Same, Same, Same, GiveUp], Run(OptionRedispatch with { RedispatchInterval = 0 }, new RetryContext(false, true)));

    [Fact]
    public void KubeadmRetries1WithRedispatch_TheOnlyRetryIsTheLast_GoesElsewhere()
        => Assert.Equal([Elsewhere, GiveUp], Run(OptionRedispatch with { Retries = 1 }, Pinned, attempts: 2));

    [Fact]
    public void Retries0_GivesUpAtOnce()
        => Assert.Equal([GiveUp], Run(Absent with { Retries = 0 }, Pinned, attempts: 1));

    [Fact]
    public void SameServer_AfterATimeout_NoTurnAround_AfterARefusal_MinOfConnectAndOneSecond()
    {
        Assert.Equal(TimeSpan.Zero, ConnectRetry.Decide(NoOptionRedispatch, 0, Pinned, Connect, timedOut: true).Delay);
        Assert.Equal(TimeSpan.FromMilliseconds(300), ConnectRetry.Decide(NoOptionRedispatch, 0, Pinned, TimeSpan.FromMilliseconds(300), timedOut: false).Delay);
        Assert.Equal(TimeSpan.FromSeconds(1), ConnectRetry.Decide(NoOptionRedispatch, 0, Pinned, Timeout.InfiniteTimeSpan, timedOut: false).Delay);
    }

    [Fact]
    public void Struct_CountsRetries_AndExcludesTheServersThatFailed()
    {
        var retry = new ConnectRetry(OptionRedispatch, Connect);
        Assert.Equal(Same, retry.OnConnectFailed(0, Pinned));
        Assert.Equal(Elsewhere, retry.OnConnectFailed(0, new RetryContext(ServerUp: false, SpreadsFreely: false)));
        Assert.Equal(Elsewhere, retry.OnConnectFailed(2, Pinned)); // the last retry
        Assert.Equal(GiveUp, retry.OnConnectFailed(3, Pinned));
        Assert.Equal((3, 0b1101UL), (retry.Retries, retry.Excluded));
    }

    /// <summary>The decision after each of <paramref name="attempts"/> consecutive failed connects.</summary>
    private static List<RetryDecision> Run(RetryOptions options, RetryContext context, int attempts = 4)
        => [.. Enumerable.Range(0, attempts).Select(done => ConnectRetry.Decide(options, done, context, Connect, timedOut: false))];
}
