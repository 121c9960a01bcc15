using HaKube.Vrrpd.Cli;
using HaKube.Vrrpd.Daemon.Admin;

namespace HaKube.Vrrpd.Tests.Cli;

/// <summary>
/// The human form of `vrrpd status` (issue 3 point 7): per instance its state, base and effective priority, the
/// master's address, every tracker, adverts sent and received, drops by reason, and the last transition with its reason.
/// </summary>
public sealed class StatusTextTests
{
    private static readonly DateTimeOffset Started = new(2025, 3, 1, 10, 0, 0, TimeSpan.Zero);

    private static InstanceStatus Instance(string name) => new()
    {
        Name = name,
        Interface = "eth0",
        VirtualRouterId = 60,
        Version = 2,
        State = "Master",
        BasePriority = 100,
        EffectivePriority = 102,
        Faulted = false,
        FaultReasons = [],
        Maintenance = false,
        SourceAddress = "198.18.0.1",
        Peers = ["198.18.0.2"],
        MasterAddress = "198.18.0.1",
        MasterPriority = 102,
        VirtualAddresses = ["198.18.0.100/24"],
        Trackers = [new TrackerInfo("chk_haproxy", "Script", true, 2, null, "")],
        AdvertsSent = 42,
        AdvertSendFailures = 1,
        AdvertsReceived = 7,
        Drops = new Dictionary<string, long>(),
        LastTransition = new TransitionInfo(Started.AddSeconds(4), "Backup", "Master", "MasterDown"),
    };

    [Fact]
    public void Format_MasterAndFaultedBackup_ShowsEveryField()
    {
        var status = new DaemonStatus
        {
            Pid = 1234,
            RouterId = "lb1",
            ConfigPath = "/etc/keepalived/keepalived.conf",
            StartedAt = Started,
            Maintenance = false,
            Instances =
            [
                Instance("haproxy-vip"),
                Instance("other") with
                {
                    VirtualRouterId = 61,
                    Version = 3,
                    State = "Fault",
                    EffectivePriority = 0,
                    Faulted = true,
                    FaultReasons = ["link eth0 down", "chk_file"],
                    Peers = [],
                    MasterAddress = null,
                    MasterPriority = 0,
                    VirtualAddresses = ["198.18.0.101/24", "198.18.0.102/24"],
                    Trackers =
                    [
                        new TrackerInfo("eth0", "Interface", false, 0, null, "carrier down"),
                        new TrackerInfo("chk_file", "File", true, -10, -30, ""),
                    ],
                    AdvertsSent = 0,
                    AdvertSendFailures = 0,
                    AdvertsReceived = 12,
                    AddressListMismatches = 3,
                    Drops = new Dictionary<string, long> { ["Ttl"] = 2, ["Checksum"] = 5 },
                    LastTransition = new TransitionInfo(Started.AddSeconds(90), "Backup", "Fault", "Fault"),
                },
            ],
        };

        var text = StatusText.Format(status);

        Assert.Equal("""
            vrrpd pid 1234, /etc/keepalived/keepalived.conf, up since 2025-03-01 10:00:00Z, router_id lb1

            instance haproxy-vip: MASTER
              interface eth0, VRID 60, VRRPv2, source 198.18.0.1, unicast to 198.18.0.2
              priority 102 (base 100)
              master 198.18.0.1 (priority 102)
              virtual addresses 198.18.0.100/24 (held)
              tracker chk_haproxy (Script): up, weight 2
              adverts sent 42 (refused 1), received 7
              last transition Backup -> Master at 2025-03-01 10:00:04Z (MasterDown)

            instance other: FAULT
              interface eth0, VRID 61, VRRPv3, source 198.18.0.1, multicast
              priority 0 (base 100), FAULT: link eth0 down, chk_file
              master unknown
              virtual addresses 198.18.0.101/24 198.18.0.102/24
              tracker eth0 (Interface): DOWN, fault when down: carrier down
              tracker chk_file (File): up, adjustment -30
              adverts sent 0 (refused 0), received 12
              received with another address list: 3 (virtual_ipaddress differs between the nodes)
              dropped: Ttl 2, Checksum 5
              last transition Backup -> Fault at 2025-03-01 10:01:30Z (Fault)
            """, text);
    }

    [Fact]
    public void Format_Maintenance_MarksTheDaemonAndTheInstance()
    {
        var status = new DaemonStatus
        {
            Pid = 1,
            ConfigPath = "/etc/vrrpd/vrrpd.json",
            StartedAt = Started,
            Maintenance = true,
            Instances = [Instance("vi") with { State = "Backup", Maintenance = true, LastTransition = new TransitionInfo(Started, "Master", "Backup", "Maintenance") }],
        };

        var lines = StatusText.Format(status).Split('\n');

        Assert.Equal("vrrpd pid 1, /etc/vrrpd/vrrpd.json, up since 2025-03-01 10:00:00Z, MAINTENANCE ON", lines[0]);
        Assert.Equal("instance vi: BACKUP (maintenance)", lines[2]);
        Assert.Equal("  virtual addresses 198.18.0.100/24", lines[6]);
        Assert.Equal("  last transition Master -> Backup at 2025-03-01 10:00:00Z (Maintenance)", lines[^1]);
    }
}
