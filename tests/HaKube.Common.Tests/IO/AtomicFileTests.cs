using System.Text;
using HaKube.Common.IO;

namespace HaKube.Common.Tests.IO;

public sealed class AtomicFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("atomic-file-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Write_ReplacesTheContent_WithTheModeAsked_NoTemporaryLeft()
    {
        var path = Path.Combine(_dir, "resign");
        await File.WriteAllTextAsync(path, "old content, longer than the new\n");
        // A temporary file a crash left behind, world-readable: it must not lend its mode to the new file.
        await File.WriteAllTextAsync(path + ".tmp", "half");
        File.SetUnixFileMode(path + ".tmp", AtomicFile.Readable);

        await AtomicFile.WriteAsync(path, Encoding.UTF8.GetBytes("new\n"), AtomicFile.Private);

        Assert.Equal("new\n", await File.ReadAllTextAsync(path));
        Assert.Equal(AtomicFile.Private, File.GetUnixFileMode(path));
        Assert.False(File.Exists(path + ".tmp"));

        AtomicFile.Write(path, "pid\n"u8, AtomicFile.Readable);
        Assert.Equal("pid\n", await File.ReadAllTextAsync(path));
        Assert.Equal(AtomicFile.Readable, File.GetUnixFileMode(path));
    }
}
