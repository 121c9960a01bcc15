using System.Threading.Channels;
using HaKube.Tcplb.Configuration;
using HaKube.Tcplb.DataPlane;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace HaKube.Tcplb.Logging;

/// <summary>
/// The one log writer. Event loops (closed connections) and loggers (tcplb's events) only enqueue, never block; one
/// background task formats each line and sends it to its targets, off the data plane. A full queue drops the line and
/// counts it, as does a destination whose buffer is full; an unreachable destination is reported once, retried every
/// <see cref="LogSink.RetryInterval"/>, and never stops tcplb.
/// </summary>
internal sealed partial class LogQueue : IAsyncDisposable
{
    public const int Capacity = 8192;

    /// <summary>Connection lines on the journal (stdout), where they go when a frontend names no target.</summary>
    public const string ConnectionsCategory = "HaKube.Tcplb.Connections";

    /// <summary>The writer's own messages (a target unreachable); never forwarded to the targets themselves.</summary>
    public const string Category = "HaKube.Tcplb.Log";

    // Wait mode: TryWrite then says false when full (DropWrite would say true and drop silently, uncounted); it never blocks.
    private readonly Channel<LogRecord> _records = Channel.CreateBounded<LogRecord>(
        new BoundedChannelOptions(Capacity) { FullMode = BoundedChannelFullMode.Wait, SingleReader = true });

    private readonly Dictionary<string, LogSink> _sinks = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private readonly Func<Stream> _stdout;
    private readonly Func<Stream> _stderr;
    private readonly int _pid;
    private ILogger _journal = NullLogger.Instance;
    private ILogger _logger = NullLogger.Instance;
    private Task? _writer;
    private long _queueDropped;

    public LogQueue(TimeProvider time, Func<Stream>? stdout = null, Func<Stream>? stderr = null, int? pid = null)
    {
        _time = time;
        _stdout = stdout ?? Console.OpenStandardOutput;
        _stderr = stderr ?? Console.OpenStandardError;
        _pid = pid ?? Environment.ProcessId;
    }

    /// <summary>Lines dropped: the queue was full, or a destination's buffer was.</summary>
    public long Dropped => Interlocked.Read(ref _queueDropped) + Sinks.Sum(s => s.Dropped);

    /// <summary>Lines lost to an unreachable destination.</summary>
    public long Failed => Sinks.Sum(s => s.Failed);

    /// <summary>Every destination in use, for status.</summary>
    public IReadOnlyList<LogSink> Sinks
    {
        get
        {
            lock (_sinks)
            {
                return [.. _sinks.Values];
            }
        }
    }

    /// <summary>Starts the writer; <paramref name="loggers"/> gives the journal's connection lines and the writer's own messages.</summary>
    public void Start(ILoggerFactory loggers)
    {
        _journal = loggers.CreateLogger(ConnectionsCategory);
        _logger = loggers.CreateLogger(Category);
        _writer = Task.Run(WriteAllAsync);
    }

    /// <summary>Whether connection lines sent to the journal would be shown (its level allows info).</summary>
    public bool JournalTakesConnections => _journal.IsEnabled(LogLevel.Information);

    /// <summary>Never blocks: false (and counted) when the queue is full.</summary>
    public bool TryWrite(in LogRecord record)
    {
        if (_records.Writer.TryWrite(record))
        {
            return true;
        }

        Interlocked.Increment(ref _queueDropped);
        return false;
    }

    /// <summary>
    /// The route to <paramref name="targets"/>, with one destination per socket or stream however many targets name it.
    /// Without <paramref name="streams"/>, stdout and stderr targets are left out (tcplb's events reach them already).
    /// </summary>
    public LogRoute Route(IEnumerable<LogTargetOptions> targets, bool streams, LogHeader? header = null)
    {
        var routed = new List<(LogTargetOptions, LogSink)>();
        lock (_sinks)
        {
            foreach (var target in targets)
            {
                if (target.IsStream && !streams)
                {
                    continue;
                }

                var key = $"{target.Kind}|{target.Path}|{target.Host}|{target.Port}|{target.Family}";
                if (!_sinks.TryGetValue(key, out var sink))
                {
                    sink = target.Kind switch
                    {
                        LogTargetKind.Stdout => new StreamSink(target.Target, _stdout, _time),
                        LogTargetKind.Stderr => new StreamSink(target.Target, _stderr, _time),
                        _ => new DatagramSink(target, _time),
                    };
                    _sinks.Add(key, sink);
                }

                routed.Add((target, sink));
            }
        }

        return new LogRoute(routed, header);
    }

    /// <summary>Formats and sends one record now (the writer's step; tests call it directly).</summary>
    internal void Write(in LogRecord record)
    {
        var text = record.Text ?? TcpLogFormatter.Format(record.Entry!);
        if (record.Route is not { } route)
        {
            ConnectionClosed(_journal, text);
            return;
        }

        var now = _time.GetLocalNow();
        for (var i = 0; i < route.Targets.Count; i++)
        {
            var (target, sink) = route.Targets[i];
            // As HAProxy: the level filter first, then the sample counts the lines that passed it.
            if (record.Level > target.MaxLevel || !route.Sampled(i))
            {
                continue;
            }

            var line = SyslogFormatter.Encode(SyslogFormatter.Format(target, record.Level, now, _pid, route.Header, text), target.MaxLength);
            var result = sink.Send(line, out var changed);
            if (changed && result == LogSendResult.Failed)
            {
                Unreachable(_logger, sink.Name, sink.LastError!, LogSink.RetryInterval.TotalSeconds);
            }
            else if (changed)
            {
                Reachable(_logger, sink.Name, sink.Failed);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _records.Writer.TryComplete();
        if (_writer is not null)
        {
            await _writer;
        }

        foreach (var sink in Sinks)
        {
            sink.Dispose();
        }
    }

    private async Task WriteAllAsync()
    {
        await foreach (var record in _records.Reader.ReadAllAsync())
        {
            try
            {
                Write(record);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // A bug in formatting must not end logging for good: say so, keep going.
                WriteFailed(_logger, e);
            }
        }
    }

    [LoggerMessage(EventId = 1000, Level = LogLevel.Information, Message = "{Line}")]
    private static partial void ConnectionClosed(ILogger logger, string line);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Warning, Message = "log target {Target} is unreachable ({Reason}); its lines are lost meanwhile, retried every {RetrySeconds} s")]
    private static partial void Unreachable(ILogger logger, string target, string reason, double retrySeconds);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Information, Message = "log target {Target} is reachable again ({Lost} lines lost in all)")]
    private static partial void Reachable(ILogger logger, string target, long lost);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Error, Message = "a log line could not be written")]
    private static partial void WriteFailed(ILogger logger, Exception exception);
}
