using System.Text;
using HaKube.Common.IO;

namespace HaKube.Vrrpd.Daemon;

/// <summary>
/// The resign record in the run directory: for every instance that is master, the priority-0 adverts it would send on
/// leaving master (<see cref="ResignEntry"/>). An instance's entry is written once its first advert as master is out
/// and deleted before it leaves master for any reason, so the file never speaks for a mastership that is over. After
/// SIGKILL or an OOM kill, `vrrpd --release` removes the VIPs and then sends these adverts: the backup takes over at
/// once instead of after Master_Down_Interval. Replaced atomically (temporary file, mode 0600, renamed over the old
/// one); deleted when no instance is master.
/// </summary>
internal sealed class ResignRecord : IDisposable
{
    /// <summary>The file's name inside the run directory.</summary>
    public const string FileName = "resign";

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<string, ResignEntry> _entries = new(StringComparer.Ordinal);
    private readonly int _pid;

    /// <param name="path">The file.</param>
    /// <param name="pid">The daemon's pid, written into the file: `--release` sends only for the last vrrpd that used the run directory.</param>
    public ResignRecord(string path, int pid)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        Path = path;
        _pid = pid;
    }

    public string Path { get; }

    /// <summary>What the record holds now.</summary>
    public IReadOnlyCollection<ResignEntry> Entries
    {
        get
        {
            _gate.Wait();
            try
            {
                return [.. _entries.Values];
            }
            finally
            {
                _gate.Release();
            }
        }
    }

    /// <summary>Reads the record at <paramref name="path"/>; null when there is no file.</summary>
    public static ResignRecordContents? Read(string path)
    {
        try
        {
            return ResignRecordText.Parse(File.ReadAllText(path, Encoding.UTF8));
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    /// <summary>Writes (or replaces) <paramref name="entry"/>'s instance.</summary>
    public async Task SetAsync(ResignEntry entry, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        await _gate.WaitAsync(ct);
        try
        {
            _entries[entry.Instance] = entry;
            await WriteAsync(ct);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Deletes <paramref name="instance"/>'s entry (the file when it was the last).</summary>
    public async Task RemoveAsync(string instance, CancellationToken ct = default)
    {
        await _gate.WaitAsync(ct);
        try
        {
            if (_entries.Remove(instance))
            {
                await WriteAsync(ct);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// At start, before any instance runs: deletes whatever an earlier run left (it speaks for a mastership that ended
    /// with that run); returns what it found, or null.
    /// </summary>
    public async Task<ResignRecordContents?> ClearAsync(CancellationToken ct = default)
    {
        await _gate.WaitAsync(ct);
        try
        {
            var left = Read(Path);
            _entries.Clear();
            await WriteAsync(ct);
            return left;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    private async Task WriteAsync(CancellationToken ct)
    {
        if (_entries.Count == 0)
        {
            File.Delete(Path);
            return;
        }

        // Private: the packets hold the v2 password.
        await AtomicFile.WriteAsync(Path, Encoding.UTF8.GetBytes(ResignRecordText.Format(_pid, _entries.Values)), AtomicFile.Private, ct);
    }
}
