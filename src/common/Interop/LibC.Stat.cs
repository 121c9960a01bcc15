using System.Runtime.InteropServices;

namespace HaKube.Common.Interop;

internal static partial class LibC
{
    // struct stat is opaque here: only st_dev (offset 0) and st_ino (offset 8) are read, which sit at the same
    // place on x86_64 and aarch64 (glibc's generic layout); 256 bytes covers the whole struct on both.
    private const int StatBufferSize = 256;

    [LibraryImport("libc", EntryPoint = "fstat", SetLastError = true)]
    private static unsafe partial int FStatRaw(SafeHandle fd, byte* buffer);

    [LibraryImport("libc", EntryPoint = "stat", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static unsafe partial int StatRaw(string path, byte* buffer);

    [LibraryImport("libc", EntryPoint = "lstat", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static unsafe partial int LStatRaw(string path, byte* buffer);

    internal const uint S_IFMT = 0xF000;
    internal const uint S_IFSOCK = 0xC000;

    /// <summary>st_mode &amp; S_IFMT of a path, not following a final symlink; null with errno set.</summary>
    internal static unsafe uint? FileType(string path)
    {
        var buffer = stackalloc byte[StatBufferSize];
        if (LStatRaw(path, buffer) != 0)
        {
            return null;
        }

        // st_mode follows st_nlink (8 bytes) on x86_64; on aarch64 it comes first, at 16, and st_nlink shrinks to 4.
        var offset = RuntimeInformation.ProcessArchitecture == Architecture.X64 ? 24 : 16;
        return MemoryMarshal.Read<uint>(new ReadOnlySpan<byte>(buffer + offset, 4)) & S_IFMT;
    }

    /// <summary>The (device, inode) identity of an open file, or null with errno set.</summary>
    internal static unsafe (ulong Device, ulong Inode)? FileIdentity(SafeHandle fd)
    {
        var buffer = stackalloc byte[StatBufferSize];
        return FStatRaw(fd, buffer) == 0 ? Identity(new ReadOnlySpan<byte>(buffer, StatBufferSize)) : null;
    }

    /// <summary>The (device, inode) identity of a path, or null with errno set (ENOENT when it is gone).</summary>
    internal static unsafe (ulong Device, ulong Inode)? FileIdentity(string path)
    {
        var buffer = stackalloc byte[StatBufferSize];
        return StatRaw(path, buffer) == 0 ? Identity(new ReadOnlySpan<byte>(buffer, StatBufferSize)) : null;
    }

    private static (ulong, ulong) Identity(ReadOnlySpan<byte> stat) =>
        (MemoryMarshal.Read<ulong>(stat), MemoryMarshal.Read<ulong>(stat[8..]));
}
