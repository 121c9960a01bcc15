using System.Text;
using HaKube.Common.IO;
using HaKube.Vrrpd.Platform;

namespace HaKube.Vrrpd.Daemon;

/// <summary>
/// The record, in the run directory, of the virtual addresses this daemon may hold: an address is written here
/// before it is added and struck out after it is removed, so the file always covers what the interfaces hold.
/// `vrrpd --release` reads it after a crash. One line per address, "IFINDEX ADDRESS/PREFIX"; replaced atomically
/// (write a temporary file, rename it over the old one).
/// </summary>
internal sealed class AddressRecord : IDisposable
{
    /// <summary>The file's name inside the run directory.</summary>
    public const string FileName = "addresses";

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly HashSet<RecordedAddress> _entries = [];

    public AddressRecord(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        Path = path;
    }

    public string Path { get; }

    /// <summary>What the record holds now.</summary>
    public IReadOnlyCollection<RecordedAddress> Entries
    {
        get
        {
            _gate.Wait();
            try
            {
                return [.. _entries];
            }
            finally
            {
                _gate.Release();
            }
        }
    }

    /// <summary>Reads the record at <paramref name="path"/>; a missing file is an empty record, a malformed line is skipped.</summary>
    public static IReadOnlyList<RecordedAddress> Read(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return [];
        }

        var result = new List<RecordedAddress>();
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (RecordedAddress.TryParse(line, out var entry))
            {
                result.Add(entry);
            }
        }

        return result;
    }

    /// <summary>Adds the addresses to the record (before they are added to interfaces).</summary>
    public Task AddAsync(IEnumerable<InterfaceAddress> addresses, CancellationToken ct = default) =>
        UpdateAsync(addresses, add: true, ct);

    /// <summary>Strikes the addresses from the record (after they were removed from interfaces).</summary>
    public Task RemoveAsync(IEnumerable<InterfaceAddress> addresses, CancellationToken ct = default) =>
        UpdateAsync(addresses, add: false, ct);

    /// <summary>Replaces the record with exactly <paramref name="entries"/>.</summary>
    public async Task ResetAsync(IEnumerable<RecordedAddress> entries, CancellationToken ct = default)
    {
        await _gate.WaitAsync(ct);
        try
        {
            _entries.Clear();
            _entries.UnionWith(entries);
            await WriteAsync(ct);
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    private async Task UpdateAsync(IEnumerable<InterfaceAddress> addresses, bool add, CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            var changed = false;
            foreach (var address in addresses)
            {
                var entry = RecordedAddress.From(address);
                changed |= add ? _entries.Add(entry) : _entries.Remove(entry);
            }

            if (changed)
            {
                await WriteAsync(ct);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task WriteAsync(CancellationToken ct)
    {
        var text = new StringBuilder();
        foreach (var entry in _entries.OrderBy(e => e.InterfaceIndex).ThenBy(e => e.Address.ToString(), StringComparer.Ordinal))
        {
            text.Append(entry.ToString()).Append('\n');
        }

        await AtomicFile.WriteAsync(Path, Encoding.UTF8.GetBytes(text.ToString()), AtomicFile.Readable, ct);
    }
}
