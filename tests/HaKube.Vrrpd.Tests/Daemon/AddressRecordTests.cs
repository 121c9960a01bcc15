using System.Net;
using HaKube.Vrrpd.Daemon;

namespace HaKube.Vrrpd.Tests.Daemon;

public sealed class AddressRecordTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("vrrpd-record-").FullName;

    private string RecordPath => Path.Combine(_directory, AddressRecord.FileName);

    [Fact]
    public async Task AddThenRemove_FileFollows_AndReadsBack()
    {
        using var record = new AddressRecord(RecordPath);

        await record.AddAsync([DaemonTestData.Untagged("198.18.0.100"), DaemonTestData.Untagged("2001:2::100", 64)]);

        Assert.Equal("2 198.18.0.100/24\n2 2001:2::100/64\n", await File.ReadAllTextAsync(RecordPath));
        Assert.Equal(2, AddressRecord.Read(RecordPath).Count);

        await record.RemoveAsync([DaemonTestData.Untagged("198.18.0.100")]);

        var left = Assert.Single(AddressRecord.Read(RecordPath));
        Assert.Equal(new RecordedAddress(2, IPAddress.Parse("2001:2::100"), 64), left);
        Assert.False(File.Exists(RecordPath + ".tmp"));
    }

    [Fact]
    public void Read_MissingFileIsEmpty_MalformedLinesSkipped()
    {
        Assert.Empty(AddressRecord.Read(RecordPath));

        File.WriteAllText(RecordPath, "2 198.18.0.100/24\ngarbage\nx 198.18.0.1/24\n3 198.18.0.7\n");

        Assert.Equal([new RecordedAddress(2, IPAddress.Parse("198.18.0.100"), 24)], AddressRecord.Read(RecordPath));
    }

    [Fact]
    public async Task TagSeenDropped_IsWrittenFirst_KeptThroughUpdatesAndResets_AndReadBack()
    {
        using var record = new AddressRecord(RecordPath);
        await record.AddAsync([DaemonTestData.Untagged("198.18.0.100")]);
        Assert.False(AddressRecord.ReadContents(RecordPath).TagDropped);

        await record.NoteTagAsync(dropped: true);
        await record.AddAsync([DaemonTestData.Untagged("198.18.0.101")]);

        Assert.True(record.TagChecked);
        Assert.Equal("untagged\n2 198.18.0.100/24\n2 198.18.0.101/24\n", await File.ReadAllTextAsync(RecordPath));
        var contents = AddressRecord.ReadContents(RecordPath);
        Assert.True(contents.TagDropped);
        Assert.Equal(2, contents.Entries.Count);

        using var again = new AddressRecord(RecordPath);
        await again.ResetAsync([new RecordedAddress(2, IPAddress.Parse("198.18.0.100"), 24)], tagDropped: true);
        Assert.Equal("untagged\n2 198.18.0.100/24\n", await File.ReadAllTextAsync(RecordPath));
    }

    [Fact]
    public async Task TagSeenKept_WritesNothing()
    {
        using var record = new AddressRecord(RecordPath);
        await record.AddAsync([DaemonTestData.Untagged("198.18.0.100")]);

        await record.NoteTagAsync(dropped: false);

        Assert.True(record.TagChecked);
        Assert.Equal("2 198.18.0.100/24\n", await File.ReadAllTextAsync(RecordPath));
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
