using HaKube.Vrrpd.Configuration;
using HaKube.Vrrpd.Daemon;
using Microsoft.Extensions.Time.Testing;

namespace HaKube.Vrrpd.Tests.Daemon;

/// <summary>
/// Gratuitous ARP / unsolicited NA schedule on virtual time (issue 3 point 5): the burst on becoming master, the
/// second burst after garp_master_delay, garp_master_refresh, spacing, and nothing once the node leaves Master.
/// </summary>
public sealed class GarpScheduleTests
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UnixEpoch);
    private readonly List<TimeSpan> _rounds = [];
    private GarpSchedule? _schedule;

    private GarpSchedule Schedule(GarpOptions options, TimeSpan spacing = default)
    {
        var start = _time.GetUtcNow();
        // The instance's loop hands a timer fire back to the schedule; here the fire is handled where it happens.
        _schedule = new GarpSchedule(options, spacing, _time, () => _rounds.Add(_time.GetUtcNow() - start), (kind, generation) => _schedule!.OnTimer(kind, generation));
        return _schedule;
    }

    /// <summary>What the instance does on becoming master: the state machine's SendGratuitousArps, then the timers.</summary>
    private static void BecomeMaster(GarpSchedule schedule)
    {
        schedule.StartBurst();
        schedule.OnBecameMaster();
    }

    /// <summary>Advances in 100 ms steps: FakeTimeProvider fires a timer at the end of one Advance, not at its due time.</summary>
    private void Advance(TimeSpan by)
    {
        var step = TimeSpan.FromMilliseconds(100);
        for (var left = by; left > TimeSpan.Zero; left -= step)
        {
            _time.Advance(left < step ? left : step);
        }
    }

    private int RoundsAt(TimeSpan at) => _rounds.Count(r => r == at);

    [Fact]
    public void BecomingMaster_Defaults_FiveRoundsAtOnce_FiveMoreAfterFiveSeconds_ThenNothing()
    {
        var schedule = Schedule(new GarpOptions());

        BecomeMaster(schedule);
        Assert.Equal(5, _rounds.Count);

        Advance(TimeSpan.FromSeconds(4.9));
        Assert.Equal(5, _rounds.Count);
        Advance(TimeSpan.FromSeconds(0.1));
        Assert.Equal(5, RoundsAt(TimeSpan.FromSeconds(5)));

        // No refresh by default: an hour as master sends nothing more.
        Advance(TimeSpan.FromHours(1));
        Assert.Equal(10, _rounds.Count);
    }

    [Fact]
    public void ConfiguredRepeatAndDelay_AreHonoured()
    {
        var schedule = Schedule(new GarpOptions(MasterDelay: 2, MasterRepeat: 3));

        BecomeMaster(schedule);
        Advance(TimeSpan.FromMinutes(1));

        Assert.Equal([.. Enumerable.Repeat(TimeSpan.Zero, 3), .. Enumerable.Repeat(TimeSpan.FromSeconds(2), 3)], _rounds);
    }

    [Fact]
    public void MasterDelayZero_NoSecondBurst()
    {
        var schedule = Schedule(new GarpOptions(MasterDelay: 0));

        BecomeMaster(schedule);
        Advance(TimeSpan.FromMinutes(1));

        Assert.Equal(5, _rounds.Count);
    }

    [Fact]
    public void Refresh_RepeatsEveryPeriodWhileMaster_WithItsOwnRepeatCount()
    {
        var schedule = Schedule(new GarpOptions(MasterDelay: 0, MasterRefresh: 10, MasterRefreshRepeat: 2));

        BecomeMaster(schedule);
        Advance(TimeSpan.FromSeconds(35));

        Assert.Equal(5, RoundsAt(TimeSpan.Zero));
        Assert.Equal([2, 2, 2], new[] { 10, 20, 30 }.Select(s => RoundsAt(TimeSpan.FromSeconds(s))));
        Assert.Equal(11, _rounds.Count);
    }

    [Fact]
    public void Spacing_SpreadsTheBurst_OneRoundPerInterval()
    {
        var schedule = Schedule(new GarpOptions(MasterDelay: 0, MasterRepeat: 4), spacing: TimeSpan.FromMilliseconds(200));

        BecomeMaster(schedule);
        Assert.Single(_rounds);
        Advance(TimeSpan.FromSeconds(5));

        Assert.Equal(new[] { 0, 200, 400, 600 }.Select(ms => TimeSpan.FromMilliseconds(ms)), _rounds);
    }

    [Fact]
    public void ABurstAskedDuringASpacedOne_KeepsTheSpacing_AndExtendsIt()
    {
        // A one-way split brain makes a master hear a lower priority every interval: each asks for a burst, and none may
        // send a round sooner than vrrp_garp_interval after the last.
        var schedule = Schedule(new GarpOptions(MasterDelay: 0, MasterRepeat: 3), spacing: TimeSpan.FromMilliseconds(500));

        BecomeMaster(schedule);
        Advance(TimeSpan.FromMilliseconds(200));
        schedule.StartBurst();
        Advance(TimeSpan.FromSeconds(5));

        Assert.Equal(new[] { 0, 500, 1000, 1500 }.Select(ms => TimeSpan.FromMilliseconds(ms)), _rounds);
    }

    [Fact]
    public void LeavingMaster_CancelsTheSecondBurstTheRefreshAndTheRestOfASpacedBurst()
    {
        var schedule = Schedule(new GarpOptions(MasterDelay: 5, MasterRefresh: 3), spacing: TimeSpan.FromSeconds(1));

        BecomeMaster(schedule);
        Advance(TimeSpan.FromSeconds(1.5));
        Assert.Equal(2, _rounds.Count);
        schedule.Cancel();
        Advance(TimeSpan.FromMinutes(1));

        Assert.Equal(2, _rounds.Count);
    }

    [Fact]
    public void StaleFire_FromAnEarlierMastership_SendsNothing()
    {
        // A fire already queued on the loop when the node left master must not count in the next mastership.
        var schedule = Schedule(new GarpOptions(MasterDelay: 5, MasterRepeat: 1));
        BecomeMaster(schedule);
        schedule.Cancel();
        BecomeMaster(schedule);
        Assert.Equal(2, _rounds.Count);

        schedule.OnTimer(InstanceEventKind.GarpSecondBurst, generation: 0);

        Assert.Equal(2, _rounds.Count);
        Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(3, _rounds.Count);
    }

    [Fact]
    public void BurstWhileMaster_LowerPriorityHeard_SendsAnotherFullBurst_Rfc5798_6_4_3_Extension()
    {
        // A master that hears a lower priority answers with an advert and refreshes its neighbours (split brain heals).
        var schedule = Schedule(new GarpOptions(MasterDelay: 0, MasterRepeat: 3));
        BecomeMaster(schedule);
        Advance(TimeSpan.FromSeconds(30));

        schedule.StartBurst();

        Assert.Equal(6, _rounds.Count);
        Assert.Equal(3, RoundsAt(TimeSpan.FromSeconds(30)));
    }
}
