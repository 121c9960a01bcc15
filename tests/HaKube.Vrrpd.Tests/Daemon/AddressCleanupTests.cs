using System.Net;
using HaKube.Vrrpd.Daemon;

namespace HaKube.Vrrpd.Tests.Daemon;

public sealed class AddressCleanupTests
{
    private static RecordedAddress Recorded(string address, int index = 2) => new(index, IPAddress.Parse(address), 24);

    [Fact]
    public void Release_RemovesOnlyAddressesRecordedAndTagged()
    {
        var current = new[]
        {
            DaemonTestData.Tagged("198.18.0.100"),     // ours: recorded and tagged
            DaemonTestData.Untagged("198.18.0.101"),   // recorded, but added by hand since (no tag)
            DaemonTestData.Tagged("198.18.0.102"),     // tagged, not recorded: another vrrpd's
            DaemonTestData.Tagged("198.18.0.103", index: 3), // recorded on another interface
        };

        var selected = AddressCleanup.ForRelease([Recorded("198.18.0.100"), Recorded("198.18.0.101"), Recorded("198.18.0.103")], current);

        Assert.Equal([current[0]], selected);
    }

    [Fact]
    public void Startup_AlsoRemovesConfiguredVipsThatAreTaggedOrRecorded()
    {
        var configured = new[] { DaemonTestData.Untagged("198.18.0.100"), DaemonTestData.Untagged("198.18.0.101"), DaemonTestData.Untagged("198.18.0.104") };
        var current = new[]
        {
            DaemonTestData.Tagged("198.18.0.100"),     // configured, tagged: a crashed run's copy
            DaemonTestData.Untagged("198.18.0.101"),   // configured, recorded
            DaemonTestData.Tagged("198.18.0.102"),     // recorded and tagged, no longer configured
            DaemonTestData.Untagged("198.18.0.104"),   // configured but neither: an operator's, left alone
            DaemonTestData.Untagged("198.18.0.1"),     // the host's own
        };

        var selected = AddressCleanup.AtStartup([Recorded("198.18.0.101"), Recorded("198.18.0.102")], configured, current);

        Assert.Equal([current[0], current[1], current[2]], selected);
    }
}
