using System.Net.Sockets;
using HaKube.Vrrpd.StateMachine;

namespace HaKube.Vrrpd.Daemon;

internal sealed partial class VrrpInstance
{
    private int _garpGeneration;
    private int _garpRoundsLeft;
    private ITimer? _garpRoundTimer;
    private ITimer? _garpSecondTimer;
    private ITimer? _garpRefreshTimer;

    /// <summary>Gratuitous ARP spacing (vrrp_garp_interval, or vrrp_gna_interval for an IPv6-only instance).</summary>
    private TimeSpan GarpSpacing => TimeSpan.FromSeconds((double)(
        Settings.VirtualAddresses.Any(a => a.Address.AddressFamily == AddressFamily.InterNetwork) ? Settings.Garp.Interval : Settings.Garp.GnaInterval));

    /// <summary>
    /// On becoming master the state machine asked for the first burst; the second one follows garp_master_delay later
    /// (neighbours that missed the first), and garp_master_refresh repeats them while master.
    /// </summary>
    private void OnBecameMaster()
    {
        // No new generation here: the first burst's spaced rounds were armed a moment ago, in this mastership.
        var garp = Settings.Garp;
        if (garp.MasterDelay > 0)
        {
            _garpSecondTimer?.Dispose();
            _garpSecondTimer = ArmGarp(InstanceEventKind.GarpSecondBurst, TimeSpan.FromSeconds(garp.MasterDelay), periodic: false);
        }

        if (garp.MasterRefresh > 0)
        {
            _garpRefreshTimer?.Dispose();
            _garpRefreshTimer = ArmGarp(InstanceEventKind.GarpRefresh, TimeSpan.FromSeconds(garp.MasterRefresh), periodic: true);
        }
    }

    private void StartGarpBurst(int rounds)
    {
        _garpRoundsLeft = Math.Max(_garpRoundsLeft, rounds);
        SendPendingGarpRounds();
    }

    private void SendPendingGarpRounds()
    {
        var spacing = GarpSpacing;
        while (_garpRoundsLeft > 0)
        {
            SendGarpRound();
            _garpRoundsLeft--;
            if (_garpRoundsLeft > 0 && spacing > TimeSpan.Zero)
            {
                _garpRoundTimer?.Dispose();
                _garpRoundTimer = ArmGarp(InstanceEventKind.GarpRound, spacing, periodic: false);
                return;
            }
        }
    }

    /// <summary>One gratuitous ARP / unsolicited NA for every virtual address.</summary>
    private void SendGarpRound()
    {
        foreach (var address in Settings.VirtualAddresses)
        {
            if (_announcers.TryGetValue(address.InterfaceIndex, out var announcer))
            {
                var error = announcer.Announce(address.Address);
                if (error != SocketError.Success)
                {
                    Log.GarpFailed(_logger, Name, address, error);
                }
            }
        }
    }

    private void OnGarpTimer(InstanceEventKind kind, int generation)
    {
        if (generation != _garpGeneration || _state.State != VrrpState.Master)
        {
            return;
        }

        switch (kind)
        {
            case InstanceEventKind.GarpRound:
                SendPendingGarpRounds();
                break;
            case InstanceEventKind.GarpSecondBurst:
                StartGarpBurst(Settings.Garp.MasterRepeat);
                break;
            case InstanceEventKind.GarpRefresh:
                StartGarpBurst(Settings.Garp.MasterRefreshRepeat);
                break;
        }
    }

    private ITimer ArmGarp(InstanceEventKind kind, TimeSpan delay, bool periodic) =>
        _time.CreateTimer(static s => ((GarpFire)s!).Post(), new GarpFire(this, kind, _garpGeneration), delay, periodic ? delay : Timeout.InfiniteTimeSpan);

    private void CancelGarpTimers()
    {
        _garpGeneration++;
        _garpRoundsLeft = 0;
        _garpRoundTimer?.Dispose();
        _garpSecondTimer?.Dispose();
        _garpRefreshTimer?.Dispose();
        _garpRoundTimer = _garpSecondTimer = _garpRefreshTimer = null;
    }

    private sealed class GarpFire(VrrpInstance instance, InstanceEventKind kind, int generation)
    {
        public void Post() => instance.Post(InstanceEvent.Garp(kind, generation));
    }
}
