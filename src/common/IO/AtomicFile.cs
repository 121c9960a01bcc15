namespace HaKube.Common.IO;

/// <summary>
/// Replaces a file so that a reader sees the old content or the new, never half of it: written to PATH.tmp with its
/// final mode, then renamed over PATH (rename is atomic within a file system). For the small state files the daemons
/// keep in their run directories (pid file, recorded addresses, resign record).
/// </summary>
public static class AtomicFile
{
    /// <summary>rw-r--r--.</summary>
    public const UnixFileMode Readable = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    /// <summary>rw-------: for content others must not read (a VRRPv2 password).</summary>
    public const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public static void Write(string path, ReadOnlySpan<byte> content, UnixFileMode mode)
    {
        var temporary = Prepare(path);
        using (var stream = new FileStream(temporary, Options(mode)))
        {
            stream.Write(content);
        }

        Commit(temporary, path, mode);
    }

    public static async Task WriteAsync(string path, ReadOnlyMemory<byte> content, UnixFileMode mode, CancellationToken ct = default)
    {
        var temporary = Prepare(path);
        await using (var stream = new FileStream(temporary, Options(mode)))
        {
            await stream.WriteAsync(content, ct);
        }

        Commit(temporary, path, mode);
    }

    private static string Prepare(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var temporary = path + ".tmp";
        // A temporary file left by a crash mid-write would keep its old mode under FileMode.Create: start afresh.
        File.Delete(temporary);
        return temporary;
    }

    /// <summary>Gives the written temporary file its mode, then puts it in place.</summary>
    private static void Commit(string temporary, string path, UnixFileMode mode)
    {
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException();
        }

        // The create mode went through the process umask (systemd units set UMask=0077): set the mode asked for.
        File.SetUnixFileMode(temporary, mode);
        File.Move(temporary, path, overwrite: true);
    }

    private static FileStreamOptions Options(UnixFileMode mode)
    {
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException();
        }

        return new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = mode };
    }
}
