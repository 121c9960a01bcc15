using System.Text;
using Tmds.Linux;

namespace HaKube.NetLab.Interop;

internal static class Files
{
    /// <summary>The inode of <paramref name="path"/> (following links), or null when it cannot be stat'ed.</summary>
    internal static unsafe ulong? Inode(string path)
    {
        var bytes = Encoding.UTF8.GetBytes(path + "\0");
        stat buffer;
        fixed (byte* p = bytes)
        {
            return LibC.stat(p, &buffer) == 0 ? (ulong)buffer.st_ino : null;
        }
    }

    /// <summary>Detaches whatever is mounted on <paramref name="path"/> (umount2 with MNT_DETACH); false when nothing was.</summary>
    internal static unsafe bool Unmount(string path)
    {
        var bytes = Encoding.UTF8.GetBytes(path + "\0");
        fixed (byte* p = bytes)
        {
            return LibC.umount2(p, LibC.MNT_DETACH) == 0;
        }
    }
}
