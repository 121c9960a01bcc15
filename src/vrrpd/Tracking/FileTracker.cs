using System.Globalization;
using Microsoft.Extensions.Logging;

namespace HaKube.Vrrpd.Tracking;

/// <summary>
/// track_file: the file holds a number; Keepalived's rules (<see cref="TrackFileValue"/>) turn it into a
/// priority change or a fault. The file is re-read on every change inotify reports (through
/// <see cref="FileSystemWatcher"/> on its directory), never polled; a missing or deleted file counts as 0.
/// A write through the shell truncates before it writes, so an empty read is confirmed once after a short
/// settle time before it counts as 0 (Keepalived waits for IN_CLOSE_WRITE instead, which the watcher does not offer).
/// </summary>
internal sealed class FileTracker : TrackerBase
{
    /// <summary>How long an empty file must stay empty to count as 0.</summary>
    public static readonly TimeSpan EmptySettle = TimeSpan.FromMilliseconds(50);

    private readonly FileTrackerSettings _settings;
    private readonly string _path;
    private readonly TimeProvider _time;
    private FileSystemWatcher? _watcher;
    private ITimer? _settle;
    private long _value;

    public FileTracker(FileTrackerSettings settings, TimeProvider time, ILogger? logger = null)
        : base(Checked(settings).Name, TrackFileValue.ToStatus(settings.Name, 0, settings.Weight, settings.WeightReverse), logger)
    {
        _settings = settings;
        ArgumentException.ThrowIfNullOrEmpty(settings.Path);
        _path = Path.GetFullPath(settings.Path);
        _time = time ?? throw new ArgumentNullException(nameof(time));
        // The file is read synchronously at start: there is no assumption to wait out.
        MarkInitialized();
    }

    /// <summary>The number last read from the file.</summary>
    public long Value
    {
        get
        {
            lock (Gate)
            {
                return _value;
            }
        }
    }

    /// <summary>Writes init_file's value if asked, reads the file once and starts watching it.</summary>
    protected override void OnStart()
    {
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
            lock (Gate)
            {
                _watcher = watcher;
            }
        }
        else
        {
            TrackingLog.FileDirectoryMissing(Logger, Name, _path);
        }

        Read(confirmEmpty: true, initial: true);
    }

    protected override ValueTask OnDisposeAsync()
    {
        lock (Gate)
        {
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
            TrackingLog.FileInitFailed(Logger, Name, _path, e);
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
            TrackingLog.FileValueInvalid(Logger, Name, _path, e.Message);
            return;
        }

        lock (Gate)
        {
            if (IsDisposed)
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
                TrackingLog.FileValueInvalid(Logger, Name, _path, Preview(text));
                return;
            }

            if (!hadDigits && !string.IsNullOrWhiteSpace(text))
            {
                TrackingLog.FileValueInvalid(Logger, Name, _path, Preview(text));
            }

            _value = value;
            Publish(TrackFileValue.ToStatus(Name, value, _settings.Weight, _settings.WeightReverse), logAlways: initial);
        }
    }

    private void OnSettled()
    {
        lock (Gate)
        {
            _settle?.Dispose();
            _settle = null;
        }

        Read(confirmEmpty: true, initial: false);
    }

    private static FileTrackerSettings Checked(FileTrackerSettings settings) => settings ?? throw new ArgumentNullException(nameof(settings));

    private static string Preview(string text) => text.Length > 40 ? text[..40] + "…" : text.Trim();
}
