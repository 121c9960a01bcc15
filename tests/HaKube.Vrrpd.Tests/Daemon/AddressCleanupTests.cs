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

        var selected = AddressCleanup.ForRelease([Recorded("198.18.0.100"), Recorded("198.18.0.101"), Recorded("198.18.0.103")], current, tagDropped: false);

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
            DaemonTestData.Untagged("198.18.0.104"),   // configured but neither: not ours (see ForeignCopies)
            DaemonTestData.Untagged("198.18.0.1"),     // the host's own
        };

        var selected = AddressCleanup.AtStartup([Recorded("198.18.0.101"), Recorded("198.18.0.102")], configured, current, tagDropped: false);

        Assert.Equal([current[0], current[1], current[2]], selected);
    }

    [Fact]
    public void Release_KernelDropsTheTag_RemovesEveryRecordedAddressPresent_AndOnlyThose()
    {
        // Linux before 6.0: nothing carries a tag, so the record alone tells what this daemon added.
        var current = new[]
        {
            DaemonTestData.Untagged("198.18.0.100"),          // recorded
            DaemonTestData.Untagged("198.18.0.102"),          // not recorded: not ours
            DaemonTestData.Untagged("198.18.0.103", index: 3), // recorded on another interface
            DaemonTestData.Untagged("198.18.0.1"),            // the host's own
        };

        var selected = AddressCleanup.ForRelease([Recorded("198.18.0.100"), Recorded("198.18.0.103"), Recorded("198.18.0.104")], current, tagDropped: true);

        Assert.Equal([current[0]], selected);
        Assert.Empty(AddressCleanup.ForRelease([Recorded("198.18.0.100")], current, tagDropped: false));
    }

    [Theory]
    [InlineData(true, false, false, true)]   // tagged and recorded: ours
    [InlineData(true, false, true, true)]
    [InlineData(false, false, false, false)] // recorded, untagged where the kernel keeps tags: someone else's now
    [InlineData(false, false, true, true)]   // recorded, untagged where the kernel drops tags: ours
    [InlineData(true, true, false, false)]   // tagged, not recorded: another vrrpd's
    [InlineData(true, true, true, false)]
    [InlineData(false, true, true, false)]   // neither: never
    public void Release_Decision(bool tagged, bool notRecorded, bool tagDropped, bool removed)
    {
        var address = tagged ? DaemonTestData.Tagged("198.18.0.100") : DaemonTestData.Untagged("198.18.0.100");
        RecordedAddress[] record = notRecorded ? [Recorded("198.18.0.101")] : [Recorded("198.18.0.100")];

        Assert.Equal(removed, AddressCleanup.ForRelease(record, [address], tagDropped).Count == 1);
    }

    [Fact]
    public void Startup_KernelDropsTheTag_AlsoRemovesRecordedAddressesNoLongerConfigured()
    {
        var current = new[] { DaemonTestData.Untagged("198.18.0.102"), DaemonTestData.Untagged("198.18.0.1") };

        Assert.Equal([current[0]], AddressCleanup.AtStartup([Recorded("198.18.0.102")], [], current, tagDropped: true));
        Assert.Empty(AddressCleanup.AtStartup([Recorded("198.18.0.102")], [], current, tagDropped: false));
    }

    [Fact]
    public void ForeignCopies_AreTheConfiguredVipsPresentThatAreNotOurs()
    {
        var configured = new[] { DaemonTestData.Untagged("198.18.0.100"), DaemonTestData.Untagged("198.18.0.104"), DaemonTestData.Untagged("198.18.0.105") };
        var current = new[]
        {
            DaemonTestData.Tagged("198.18.0.100"),              // ours (tagged, configured): AtStartup's
            DaemonTestData.Untagged("198.18.0.104"),            // configured, neither tagged nor recorded: a foreign copy
            DaemonTestData.Untagged("198.18.0.105", index: 3),  // configured on eth0, present on another interface: not a copy
            DaemonTestData.Untagged("198.18.0.1"),              // the host's own
        };

        Assert.Equal([current[1]], AddressCleanup.ForeignCopiesAtStartup([], configured, current, tagDropped: false));
        // Recorded while the kernel drops tags: ours, not foreign.
        Assert.Empty(AddressCleanup.ForeignCopiesAtStartup([Recorded("198.18.0.104")], configured[1..2], current, tagDropped: true));
    }

    [Fact]
    public void StillHeld_NamesEveryRecordedAddressPresent_TaggedOrNot()
    {
        var current = new[] { DaemonTestData.Untagged("198.18.0.100"), DaemonTestData.Tagged("198.18.0.101"), DaemonTestData.Untagged("198.18.0.1") };

        Assert.Equal([current[0], current[1]], AddressCleanup.StillHeld([Recorded("198.18.0.100"), Recorded("198.18.0.101"), Recorded("198.18.0.105")], current));
        Assert.Empty(AddressCleanup.StillHeld([Recorded("198.18.0.105")], current));
    }

    [Fact]
    public void KernelDroppedTag_FromWhatAnAddedAddressReadsBackAs()
    {
        var added = new[] { DaemonTestData.Untagged("198.18.0.100") };

        Assert.True(AddressCleanup.KernelDroppedTag(added, [DaemonTestData.Untagged("198.18.0.1"), DaemonTestData.Untagged("198.18.0.100")]));
        Assert.False(AddressCleanup.KernelDroppedTag(added, [DaemonTestData.Tagged("198.18.0.100")]));
        Assert.Null(AddressCleanup.KernelDroppedTag(added, [DaemonTestData.Untagged("198.18.0.1")]));
    }
}
