using System.Net;
using System.Net.Sockets;
using System.Text;
using HaKube.Tcplb.Configuration;
using HaKube.Tcplb.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace HaKube.Tcplb.Tests.Logging;

/// <summary>The log writer against real datagram sockets: what arrives, what is dropped, and an unreachable target.</summary>
public sealed class LogQueueTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("tcplb-log-").FullName;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 4, 5, 6, 7, TimeSpan.Zero));

    public LogQueueTests() => _time.SetLocalTimeZone(TimeZoneInfo.Utc);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void OneLine_ReachesAUnixSocketAndAUdpSocket_EachInItsFormat()
    {
        using var unix = UnixReceiver(out var path);
        using var udp = UdpReceiver(out var port);
        var queue = Queue();
        var route = queue.Route([Parse($"{path} local0 info"), Parse($"udp@127.0.0.1:{port} format rfc5424 local1 info")], streams: true);

        queue.Write(new LogRecord(route, SyslogLevel.Info, null, "hello"));

        Assert.Equal("<134>Mar  4 05:06:07 tcplb[77]: hello\n", Receive(unix));
        Assert.Equal("<142>1 2026-03-04T05:06:07.000000+00:00 - tcplb 77 - - hello\n", Receive(udp));
        Assert.All(queue.Sinks, s => Assert.Equal((1L, 0L, 0L, true), (s.Sent, s.Dropped, s.Failed, s.Available)));
    }

    [Fact]
    public void MaxLevel_FiltersPerTarget()
    {
        using var unix = UnixReceiver(out var path);
        var queue = Queue();
        var route = queue.Route([Parse($"{path} local0 warning")], streams: true);

        Assert.False(route.Takes(SyslogLevel.Info));
        queue.Write(new LogRecord(route, SyslogLevel.Info, null, "filtered"));
        queue.Write(new LogRecord(route, SyslogLevel.Alert, null, "sent"));

        Assert.Equal("<129>Mar  4 05:06:07 tcplb[77]: sent\n", Receive(unix));
        Assert.Equal(1, queue.Sinks[0].Sent);
    }

    [Fact]
    public void RouteHeader_TagAndHostName_InEveryTargetsLine()
    {
        using var unix = UnixReceiver(out var path);
        using var udp = UdpReceiver(out var port);
        var queue = Queue();
        var route = queue.Route([Parse($"{path} local0"), Parse($"udp@127.0.0.1:{port} format rfc5424 local0")], streams: true, new LogHeader("haproxy", "lb-a"));

        queue.Write(new LogRecord(route, SyslogLevel.Info, null, "hello"));

        Assert.Equal("<134>Mar  4 05:06:07 lb-a haproxy[77]: hello\n", Receive(unix));
        Assert.Equal("<134>1 2026-03-04T05:06:07.000000+00:00 lb-a haproxy 77 - - hello\n", Receive(udp));
    }

    [Fact]
    public void Sample_SendsThePositionsListed_OfEachGroup_CountingOnlyLinesThatPassTheLevel()
    {
        using var unix = UnixReceiver(out var path);
        var queue = Queue();
        var route = queue.Route([Parse($"{path} format raw sample 1,3:3 local0 info")], streams: true);

        for (var i = 1; i <= 7; i++)
        {
            queue.Write(new LogRecord(route, SyslogLevel.Debug, null, "debug " + i)); // filtered by level: not counted
            queue.Write(new LogRecord(route, SyslogLevel.Info, null, "line " + i));
        }

        // Positions 1 and 3 of each group of three, as HAProxy 2.6 sends "sample 1,3:3" (checked on loopback).
        var got = new List<string>();
        unix.ReceiveTimeout = 200;
        for (var i = 0; i < 5; i++)
        {
            got.Add(Receive(unix));
        }

        Assert.Equal(["line 1\n", "line 3\n", "line 4\n", "line 6\n", "line 7\n"], got);
        Assert.Equal(5, queue.Sinks[0].Sent);
    }

    [Fact]
    public void MissingSocket_CountedAsFailed_ReportedOnce_RetriedAfterTheInterval_ThenDelivered()
    {
        var path = Path.Combine(_dir, "late.sock");
        var queue = Queue();
        var route = queue.Route([Parse($"{path} local0")], streams: true);
        var sink = route.Targets[0].Sink;

        Assert.Equal(LogSendResult.Failed, sink.Send(Encoding.ASCII.GetBytes("1\n"), out var changed));
        Assert.True(changed);
        Assert.False(sink.Available);
        Assert.Equal(LogSendResult.Failed, sink.Send(Encoding.ASCII.GetBytes("2\n"), out changed));
        Assert.False(changed); // reported once per episode

        using var unix = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        unix.Bind(new UnixDomainSocketEndPoint(path));
        Assert.Equal(LogSendResult.Failed, sink.Send(Encoding.ASCII.GetBytes("3\n"), out _)); // not before the retry interval
        _time.Advance(LogSink.RetryInterval);

        queue.Write(new LogRecord(route, SyslogLevel.Info, null, "back"));

        Assert.Equal("<134>Mar  4 05:06:12 tcplb[77]: back\n", Receive(unix));
        Assert.Equal((1L, 3L, true), (sink.Sent, sink.Failed, sink.Available));
        Assert.Equal(3, queue.Failed);
    }

    [Fact]
    public void UnsendableUdpTarget_Fails_NeverThrows()
    {
        // The limited broadcast without SO_BROADCAST: sendto fails at once with EACCES, nothing leaves the machine.
        var queue = Queue();
        var route = queue.Route([Parse("udp@255.255.255.255 local0")], streams: true);

        queue.Write(new LogRecord(route, SyslogLevel.Info, null, "lost"));

        Assert.Equal((0L, 1L, false), (route.Targets[0].Sink.Sent, route.Targets[0].Sink.Failed, route.Targets[0].Sink.Available));
    }

    [Fact]
    public void ReceiverNotReading_LinesDropped_SendingNeverBlocks()
    {
        using var unix = UnixReceiver(out var path);
        var queue = Queue();
        var route = queue.Route([Parse($"{path} local0")], streams: true);

        for (var i = 0; i < 3000; i++)
        {
            queue.Write(new LogRecord(route, SyslogLevel.Info, null, "flood " + i));
        }

        var sink = route.Targets[0].Sink;
        Assert.True(sink.Dropped > 0, "a full socket buffer should drop lines");
        Assert.Equal(3000, sink.Sent + sink.Dropped);
        Assert.Equal(sink.Dropped, queue.Dropped);
    }

    [Fact]
    public void QueueFull_DropsAndCounts_WithoutBlocking()
    {
        var queue = Queue(); // not started: nothing drains it
        for (var i = 0; i < LogQueue.Capacity; i++)
        {
            Assert.True(queue.TryWrite(new LogRecord(null, SyslogLevel.Info, null, "x")));
        }

        Assert.False(queue.TryWrite(new LogRecord(null, SyslogLevel.Info, null, "one too many")));
        Assert.Equal(1, queue.Dropped);
    }

    [Fact]
    public void Stdout_LinesWrittenWhole_OneDestinationForTwoTargets()
    {
        var stdout = new MemoryStream();
        var queue = new LogQueue(_time, stdout: () => new KeepOpen(stdout), pid: 77);
        var route = queue.Route([Parse("stdout format raw local0"), Parse("stdout format short local0")], streams: true);

        queue.Write(new LogRecord(route, SyslogLevel.Info, null, "a"));

        Assert.Equal("a\n<6>a\n", Encoding.ASCII.GetString(stdout.ToArray()));
        Assert.Single(queue.Sinks);
        Assert.Empty(queue.Route([Parse("stdout local0")], streams: false).Targets);
    }

    [Fact]
    public async Task Started_DrainsInTheBackground()
    {
        using var udp = UdpReceiver(out var port);
        await using var queue = Queue();
        queue.Start(NullLoggerFactory.Instance);
        var route = queue.Route([Parse($"127.0.0.1:{port} local0")], streams: true);

        Assert.True(queue.TryWrite(new LogRecord(route, SyslogLevel.Notice, null, "async")));

        var buffer = new byte[2048];
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var n = await udp.ReceiveAsync(buffer, bound.Token);
        Assert.Equal("<133>Mar  4 05:06:07 tcplb[77]: async\n", Encoding.ASCII.GetString(buffer, 0, n));
    }

    private LogQueue Queue() => new(_time, pid: 77);

    private static LogTargetOptions Parse(string words)
        => LogTargetParser.Parse(words.Split(' '), (f, m) => Assert.Fail($"{f}: {m}"), (_, _) => { })!;

    private Socket UnixReceiver(out string path)
    {
        path = Path.Combine(_dir, $"log{Guid.NewGuid():N}.sock");
        var socket = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        socket.Bind(new UnixDomainSocketEndPoint(path));
        return socket;
    }

    private static Socket UdpReceiver(out int port)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        port = ((IPEndPoint)socket.LocalEndPoint!).Port;
        return socket;
    }

    private static string Receive(Socket socket)
    {
        socket.ReceiveTimeout = 10_000;
        var buffer = new byte[4096];
        var n = socket.Receive(buffer);
        return Encoding.UTF8.GetString(buffer, 0, n);
    }

    /// <summary>A stream the sink may dispose without losing what the test reads.</summary>
    private sealed class KeepOpen(Stream inner) : Stream
    {
        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => inner.Length;

        public override long Position { get => inner.Position; set => inner.Position = value; }

        public override void Flush() => inner.Flush();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);
    }
}
