using System.Threading.Channels;
using HaKube.Tcplb.DataPlane;
using Microsoft.Extensions.Logging;

namespace HaKube.Tcplb.Runtime;

/// <summary>
/// One line per closed connection in HAProxy's tcplog layout. Loop threads only enqueue (never block); a background
/// task formats and logs. When the queue is full, lines are dropped and counted rather than slowing the data plane.
/// </summary>
internal sealed partial class ConnectionLog : IAsyncDisposable
{
    private readonly Channel<ConnectionLogEntry> _entries = Channel.CreateBounded<ConnectionLogEntry>(
        new BoundedChannelOptions(8192) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });

    private readonly ILogger _logger;
    private readonly Task _writer;
    private long _dropped;

    public ConnectionLog(ILogger logger)
    {
        _logger = logger;
        _writer = WriteAsync();
    }

    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>The sink of a frontend: null when it does not log; skips empty connections with dontlognull.</summary>
    public Action<ConnectionLogEntry>? For(Configuration.FrontendOptions frontend)
    {
        if (!frontend.LogConnections || !_logger.IsEnabled(LogLevel.Information))
        {
            return null;
        }

        var dontLogNull = frontend.DontLogNull;
        return entry =>
        {
            if (dontLogNull && entry.BytesRead == 0 && entry.BytesUploaded == 0)
            {
                return;
            }

            if (!_entries.Writer.TryWrite(entry))
            {
                Interlocked.Increment(ref _dropped);
            }
        };
    }

    public async ValueTask DisposeAsync()
    {
        _entries.Writer.TryComplete();
        await _writer;
    }

    private async Task WriteAsync()
    {
        await Task.Yield();
        await foreach (var entry in _entries.Reader.ReadAllAsync())
        {
            var line = TcpLogFormatter.Format(entry);
            Closed(_logger, line);
        }
    }

    [LoggerMessage(EventId = 1000, Level = LogLevel.Information, Message = "{Line}")]
    private static partial void Closed(ILogger logger, string line);
}
