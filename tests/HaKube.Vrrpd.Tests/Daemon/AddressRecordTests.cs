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

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
