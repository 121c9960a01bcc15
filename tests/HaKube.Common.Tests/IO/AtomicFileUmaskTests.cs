using HaKube.Common.IO;
using HaKube.Common.Tests.Support;
using Tmds.Linux;

namespace HaKube.Common.Tests.IO;

/// <summary>
/// The daemons' state files under the umask their units set (UMask=0077): a pid file must stay readable by others
/// (vrrpd, as root without CAP_DAC_OVERRIDE, reads tcplb's), a password file private. The umask is process-wide, so
/// these tests run alone.
/// </summary>
[Collection(ProcessWideState.Name)]
public sealed class AtomicFileUmaskTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("atomic-file-umask-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task UnderUmask0077_TheFileGetsTheModeAsked(bool async)
    {
        var path = Path.Combine(_dir, "tcplb.pid");
        var previous = LibC.umask(0x3f); // 0077
        try
        {
            if (async)
            {
                await AtomicFile.WriteAsync(path, "4242\n"u8.ToArray(), AtomicFile.Readable);
            }
            else
            {
                AtomicFile.Write(path, "4242\n"u8, AtomicFile.Readable);
            }
        }
        finally
        {
            LibC.umask(previous);
        }

        Assert.Equal(AtomicFile.Readable, File.GetUnixFileMode(path));
        Assert.Equal("4242\n", await File.ReadAllTextAsync(path));
    }

    [Fact]
    public void UnderAWideUmask_APrivateFileStaysPrivate()
    {
        var path = Path.Combine(_dir, "resign");
        var previous = LibC.umask(0);
        try
        {
            AtomicFile.Write(path, "secret\n"u8, AtomicFile.Private);
        }
        finally
        {
            LibC.umask(previous);
        }

        Assert.Equal(AtomicFile.Private, File.GetUnixFileMode(path));
    }
}
