using System.Net.Sockets;
using HaKube.Vrrpd.StateMachine;

namespace HaKube.Vrrpd.Daemon;

internal sealed partial class VrrpInstance
{
    private GarpSchedule? _garp;

    /// <summary>The instance's gratuitous ARP schedule; its timers post to this loop.</summary>
    private GarpSchedule Garp => _garp ??= new GarpSchedule(Settings.Garp, GarpSpacing, _time, SendGarpRound,
        (kind, generation) => Post(InstanceEvent.Garp(kind, generation)));

    /// <summary>Gratuitous ARP spacing (vrrp_garp_interval, or vrrp_gna_interval for an IPv6-only instance).</summary>
    private TimeSpan GarpSpacing => TimeSpan.FromSeconds((double)(
        Settings.VirtualAddresses.Any(a => a.Address.AddressFamily == AddressFamily.InterNetwork) ? Settings.Garp.Interval : Settings.Garp.GnaInterval));

    /// <summary>
    /// On becoming master the state machine asked for the first burst; the second one follows garp_master_delay later
    /// (neighbours that missed the first), and garp_master_refresh repeats them while master.
    /// </summary>
    private void OnBecameMaster() => Garp.OnBecameMaster();

    /// <summary>The state machine's SendGratuitousArps: a burst of garp_master_repeat rounds.</summary>
    private void StartGarpBurst() => Garp.StartBurst();

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
        if (_state.State == VrrpState.Master)
        {
            Garp.OnTimer(kind, generation);
        }
    }

    private void CancelGarpTimers() => _garp?.Cancel();
}
