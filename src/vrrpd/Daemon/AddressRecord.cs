using System.Text;
using HaKube.Common.IO;
using HaKube.Vrrpd.Platform;

namespace HaKube.Vrrpd.Daemon;

/// <summary>
/// The record, in the run directory, of the virtual addresses this daemon may hold: an address is written here
/// before it is added and struck out after it is removed, so the file always covers what the interfaces hold.
/// `vrrpd --release` reads it after a crash. One line per address, "IFINDEX ADDRESS/PREFIX", after a line
/// "untagged" once the daemon saw the kernel drop vrrpd's IFA_PROTO tag on an address it added (Linux before 6.0);
/// replaced atomically (write a temporary file, rename it over the old one).
/// </summary>
internal sealed class AddressRecord : IDisposable
{
    /// <summary>The file's name inside the run directory.</summary>
    public const string FileName = "addresses";

    /// <summary>The line that says the kernel keeps no IFA_PROTO tag (older readers skip it as malformed).</summary>
    public const string UntaggedLine = "untagged";

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly HashSet<RecordedAddress> _entries = [];
    private bool _tagDropped;
    private bool _tagChecked;

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

    /// <summary>Whether the kernel was seen to keep (false) or drop (true) the tag; until then, set by <see cref="NoteTagAsync"/>.</summary>
    public bool TagChecked => Volatile.Read(ref _tagChecked);

    /// <summary>The addresses of the record at <paramref name="path"/> (see <see cref="ReadContents"/>).</summary>
    public static IReadOnlyList<RecordedAddress> Read(string path) => ReadContents(path).Entries;

    /// <summary>Reads the record at <paramref name="path"/>; a missing file is an empty record, a malformed line is skipped.</summary>
    public static AddressRecordContents ReadContents(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return new AddressRecordContents([], TagDropped: false);
        }

        var result = new List<RecordedAddress>();
        var tagDropped = false;
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (line == UntaggedLine)
            {
                tagDropped = true;
            }
            else if (RecordedAddress.TryParse(line, out var entry))
            {
                result.Add(entry);
            }
        }

        return new AddressRecordContents(result, tagDropped);
    }

    /// <summary>
    /// Notes what the kernel did with the tag on an address just added; once it is seen dropped, the record says
    /// so for good (--release then trusts the record alone).
    /// </summary>
    public async Task NoteTagAsync(bool dropped, CancellationToken ct = default)
    {
        await _gate.WaitAsync(ct);
        try
        {
            Volatile.Write(ref _tagChecked, true);
            if (dropped && !_tagDropped)
            {
                _tagDropped = true;
                await WriteAsync(ct);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Adds the addresses to the record (before they are added to interfaces).</summary>
    public Task AddAsync(IEnumerable<InterfaceAddress> addresses, CancellationToken ct = default) =>
        UpdateAsync(addresses, add: true, ct);

    /// <summary>Strikes the addresses from the record (after they were removed from interfaces).</summary>
    public Task RemoveAsync(IEnumerable<InterfaceAddress> addresses, CancellationToken ct = default) =>
        UpdateAsync(addresses, add: false, ct);

    /// <summary>Replaces the record with exactly <paramref name="entries"/>; <paramref name="tagDropped"/> carries an earlier record's finding over.</summary>
    public async Task ResetAsync(IEnumerable<RecordedAddress> entries, bool tagDropped = false, CancellationToken ct = default)
    {
        await _gate.WaitAsync(ct);
        try
        {
            _tagDropped |= tagDropped;
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
        if (_tagDropped)
        {
            text.Append(UntaggedLine).Append('\n');
        }

        foreach (var entry in _entries.OrderBy(e => e.InterfaceIndex).ThenBy(e => e.Address.ToString(), StringComparer.Ordinal))
        {
            text.Append(entry.ToString()).Append('\n');
        }

        await AtomicFile.WriteAsync(Path, Encoding.UTF8.GetBytes(text.ToString()), AtomicFile.Readable, ct);
    }
}
