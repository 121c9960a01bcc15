using System.Net;
using System.Runtime.Versioning;
using HaKube.Vrrpd.Daemon;

namespace HaKube.Vrrpd.Tests.Daemon;

/// <summary>The resign record file: round trip, atomic owner-only writes, gone when no instance is master, and every flaw of a bad file named.</summary>
public sealed class ResignRecordTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("vrrpd-resign-").FullName;

    private string FilePath => Path.Combine(_directory, ResignRecord.FileName);

    private static ResignEntry V4 => new("haproxy-vip", 2, "eth0", IPAddress.Parse("198.18.0.1"),
        [new ResignAdvert(IPAddress.Parse("198.18.0.2"), [0x21, 0x3c, 0x00, 0x01, 0x01, 0x01, 0xb6, 0x8a, 198, 18, 0, 100, 0x31, 0x31, 0x31, 0x31, 0, 0, 0, 0])]);

    private static ResignEntry V6 => new("api vip 6", 3, "bond0.12", IPAddress.Parse("fe80::1"),
        [new ResignAdvert(IPAddress.Parse("ff02::12"), [0x31, 0x3d, 0x00, 0x01, 0x00, 0x64, 0x12, 0x34, .. new byte[16]])]);

    [Fact]
    public void Text_RoundTrips_NamesWithSpacesIncluded()
    {
        var text = ResignRecordText.Format(4242, [V4, V6]);

        var read = ResignRecordText.Parse(text);

        Assert.Empty(read.Problems);
        Assert.Equal(4242, read.Pid);
        Assert.Equal([V6, V4], read.Entries);
        Assert.Contains("instance api%20vip%206 ifindex 3 ifname bond0.12 source fe80::1\n", text, StringComparison.Ordinal);
    }

    [Fact]
    [SupportedOSPlatform("linux")]
    public async Task Store_WritesOwnerOnlyFile_ReadBackEqual_DeletedWithTheLastEntry()
    {
        using var record = new ResignRecord(FilePath, 4242);

        await record.SetAsync(V4);
        await record.SetAsync(V6);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(FilePath));
        var read = ResignRecord.Read(FilePath)!;
        Assert.Equal((4242, 0), (read.Pid, read.Problems.Count));
        Assert.Equal([V6, V4], read.Entries);
        Assert.Equal([ResignRecord.FileName], Directory.GetFiles(_directory).Select(Path.GetFileName));

        await record.RemoveAsync(V4.Instance);
        Assert.Equal([V6], ResignRecord.Read(FilePath)!.Entries);

        await record.RemoveAsync(V6.Instance);
        Assert.False(File.Exists(FilePath));
        Assert.Null(ResignRecord.Read(FilePath));
    }

    [Fact]
    public async Task Clear_AtStart_DeletesWhatAnEarlierRunLeft_AndSaysWhose()
    {
        await File.WriteAllTextAsync(FilePath, ResignRecordText.Format(17, [V4]));
        using var record = new ResignRecord(FilePath, 4242);

        var left = await record.ClearAsync();

        Assert.Equal(17, left!.Pid);
        Assert.False(File.Exists(FilePath));
        Assert.Null(await record.ClearAsync());
    }

    [Fact]
    public void Parse_MalformedFile_NamesEveryProblemWithItsLine_AndYieldsNoEntry()
    {
        var text = string.Join('\n',
            "# comment",
            "advert 198.18.0.2 2101",
            "instance vi ifindex x ifname eth0 source 198.18.0.1",
            "instance vi ifindex 2 ifname eth0 source 198.18.0.1",
            "advert 198.18.0.2 21xz",
            "advert nowhere 2101",
            "instance empty ifindex 2 ifname eth0 source 198.18.0.1",
            "instance ok ifindex 2 ifname eth0 source 198.18.0.1",
            "advert 198.18.0.2 2101",
            "garbage here");

        var read = ResignRecordText.Parse(text);

        Assert.Empty(read.Entries);
        Assert.Null(read.Pid);
        Assert.Equal(
        [
            "no pid line: cannot tell which vrrpd wrote it",
            "line 2: an advert before any instance line",
            "line 3: ifindex 'x' is not a positive number",
            "line 5: the packet is not an even number of hex digits",
            "line 6: destination 'nowhere' is not an IP address",
            "instance vi: no advert line",
            "instance empty: no advert line",
            "line 10: not a pid, instance or advert line: 'garbage here'",
        ], read.Problems);
    }

    [Fact]
    public void Parse_SameInstanceTwice_IsAProblem()
    {
        var read = ResignRecordText.Parse(ResignRecordText.Format(1, [V4]) + ResignRecordText.Format(1, [V4]).Split('\n', 3)[2]);

        Assert.Contains("instance haproxy-vip appears 2 times", read.Problems);
        Assert.Empty(read.Entries);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
