using System.Net.Sockets;

namespace HaKube.Tcplb.Logging;

/// <summary>
/// One log destination (a socket or a stream), shared by every target naming it, used by the log writer's thread only.
/// Sending never blocks: a full buffer drops the line; a failure (the socket path missing, no route, a name that does not
/// resolve) makes the destination unavailable for <see cref="RetryInterval"/>, its lines counted as failed, then it is
/// tried again. Counters are read by status from other threads.
/// </summary>
internal abstract class LogSink : IDisposable
{
    public static readonly TimeSpan RetryInterval = TimeSpan.FromSeconds(5);

    private readonly TimeProvider _time;
    private DateTimeOffset _retryAt = DateTimeOffset.MinValue;
    private long _sent;
    private long _dropped;
    private long _failed;
    private bool _opened;

    protected LogSink(string name, TimeProvider time)
    {
        Name = name;
        _time = time;
    }

    /// <summary>The destination as the configuration wrote it ("/dev/log", "udp@10.0.0.1:514").</summary>
    public string Name { get; }

    public long Sent => Interlocked.Read(ref _sent);

    public long Dropped => Interlocked.Read(ref _dropped);

    public long Failed => Interlocked.Read(ref _failed);

    /// <summary>Why the last send failed; null while the destination works.</summary>
    public string? LastError { get; private set; }

    public bool Available => LastError is null;

    /// <summary>Sends one framed line. <paramref name="changed"/> is true when the destination just failed or just came back.</summary>
    public LogSendResult Send(byte[] line, out bool changed)
    {
        changed = false;
        if (LastError is not null && _time.GetUtcNow() < _retryAt)
        {
            Interlocked.Increment(ref _failed);
            return LogSendResult.Failed;
        }

        try
        {
            if (!_opened)
            {
                Open();
                _opened = true;
            }

            var sent = TrySend(line);
            if (sent)
            {
                Interlocked.Increment(ref _sent);
            }
            else
            {
                Interlocked.Increment(ref _dropped);
            }

            if (LastError is not null)
            {
                LastError = null;
                changed = true;
            }

            return sent ? LogSendResult.Sent : LogSendResult.Dropped;
        }
        catch (Exception e) when (e is SocketException or IOException or ObjectDisposedException or ArgumentException)
        {
            changed = LastError is null;
            LastError = e.Message;
            _retryAt = _time.GetUtcNow() + RetryInterval;
            Interlocked.Increment(ref _failed);
            Reset();
            _opened = false;
            return LogSendResult.Failed;
        }
    }

    public void Dispose()
    {
        Reset();
        GC.SuppressFinalize(this);
    }

    /// <summary>Creates the socket, resolves the name; throws when it cannot.</summary>
    protected abstract void Open();

    /// <summary>One non-blocking send; false when the buffer is full. Throws on any other failure.</summary>
    protected abstract bool TrySend(byte[] line);

    /// <summary>Closes what <see cref="Open"/> made, so the next attempt starts afresh.</summary>
    protected abstract void Reset();
}
