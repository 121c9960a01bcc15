using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace HaKube.Vrrpd.Tracking;

/// <summary>
/// track_file: the file holds a number; Keepalived's rules (<see cref="TrackFileValue"/>) turn it into a
/// priority change or a fault. The file is re-read on every change inotify reports (through
/// <see cref="FileSystemWatcher"/> on its directory), never polled; a missing or deleted file counts as 0.
/// A write through the shell truncates before it writes, so an empty read is confirmed once after a short
/// settle time before it counts as 0 (Keepalived waits for IN_CLOSE_WRITE instead, which the watcher does not offer).
/// </summary>
internal sealed class FileTracker : ITracker
{
    /// <summary>How long an empty file must stay empty to count as 0.</summary>
    public static readonly TimeSpan EmptySettle = TimeSpan.FromMilliseconds(50);

    private readonly FileTrackerSettings _settings;
    private readonly string _path;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private Action<TrackerStatus> _changed = static _ => { };
    private FileSystemWatcher? _watcher;
    private ITimer? _settle;
    private TrackerStatus _status;
    private long _value;
    private bool _disposed;

    public FileTracker(FileTrackerSettings settings, TimeProvider time, ILogger? logger = null)
    {
        _settings = settings ?? throw new ArgumentNullException(nameof(settings));
        ArgumentException.ThrowIfNullOrEmpty(settings.Path);
        _path = Path.GetFullPath(settings.Path);
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _logger = logger ?? NullLogger.Instance;
        _status = TrackFileValue.ToStatus(settings.Name, 0, settings.Weight, settings.WeightReverse);
    }

    public string Name => _settings.Name;

    public TrackerStatus Status
    {
        get
        {
            lock (_gate)
            {
                return _status;
            }
        }
    }

    /// <summary>The number last read from the file.</summary>
    public long Value
    {
        get
        {
            lock (_gate)
            {
                return _value;
            }
        }
    }

    /// <summary>Writes init_file's value if asked, reads the file once and starts watching it.</summary>
    public void Start(Action<TrackerStatus> changed)
    {
        ArgumentNullException.ThrowIfNull(changed);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _changed = changed;
        }

        Initialise();
        var directory = Path.GetDirectoryName(_path)!;
        if (Directory.Exists(directory))
        {
            var watcher = new FileSystemWatcher(directory, Path.GetFileName(_path))
            {
                NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.Size,
            };
            watcher.Created += OnFileEvent;
            watcher.Changed += OnFileEvent;
            watcher.Deleted += OnFileEvent;
            watcher.Renamed += OnFileEvent;
            watcher.EnableRaisingEvents = true;
            lock (_gate)
            {
                _watcher = watcher;
            }
        }
        else
        {
            TrackingLog.FileDirectoryMissing(_logger, Name, _path);
        }

        Read(confirmEmpty: true, initial: true);
    }

    public ValueTask DisposeAsync()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return ValueTask.CompletedTask;
            }

            _disposed = true;
            _settle?.Dispose();
            _watcher?.Dispose();
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>init_file: write the value when the file is missing, or always with overwrite.</summary>
    private void Initialise()
    {
        if (_settings.InitValue is not { } value || (File.Exists(_path) && !_settings.InitOverwrite))
        {
            return;
        }

        try
        {
            File.WriteAllText(_path, value.ToString(CultureInfo.InvariantCulture) + "\n");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            TrackingLog.FileInitFailed(_logger, Name, _path, e);
        }
    }

    private void OnFileEvent(object sender, FileSystemEventArgs e) => Read(confirmEmpty: false, initial: false);

    private void Read(bool confirmEmpty, bool initial)
    {
        string text;
        try
        {
            text = File.ReadAllText(_path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            text = ""; // A missing file is 0, as in Keepalived.
            confirmEmpty = true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            TrackingLog.FileValueInvalid(_logger, Name, _path, e.Message);
            return;
        }

        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            if (string.IsNullOrWhiteSpace(text) && !confirmEmpty)
            {
                // Probably between a truncate and the write that follows: look again shortly.
                _settle ??= _time.CreateTimer(static state => ((FileTracker)state!).OnSettled(), this, EmptySettle, Timeout.InfiniteTimeSpan);
                return;
            }

            if (!TrackFileValue.TryParse(text, out var value, out var hadDigits))
            {
                TrackingLog.FileValueInvalid(_logger, Name, _path, Preview(text));
                return;
            }

            if (!hadDigits && !string.IsNullOrWhiteSpace(text))
            {
                TrackingLog.FileValueInvalid(_logger, Name, _path, Preview(text));
            }

            _value = value;
            var next = TrackFileValue.ToStatus(Name, value, _settings.Weight, _settings.WeightReverse);
            var differs = next.IsUp != _status.IsUp || next.Weight != _status.Weight || next.Adjustment != _status.Adjustment;
            _status = next;
            if (differs || initial)
            {
                TrackingLog.Changed(_logger, next);
            }

            if (differs)
            {
                _changed(next);
            }
        }
    }

    private void OnSettled()
    {
        lock (_gate)
        {
            _settle?.Dispose();
            _settle = null;
        }

        Read(confirmEmpty: true, initial: false);
    }

    private static string Preview(string text) => text.Length > 40 ? text[..40] + "…" : text.Trim();
}
