using System.Net;
using System.Net.Sockets;
using System.Text;
using HaKube.Tcplb.Configuration;
using HaKube.Tcplb.Logging;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace HaKube.Tcplb.Tests.Logging;

/// <summary>tcplb's own events on the log targets: which targets, at which syslog level.</summary>
public sealed partial class SyslogLoggerProviderTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 4, 5, 6, 7, TimeSpan.Zero));

    public SyslogLoggerProviderTests() => _time.SetLocalTimeZone(TimeZoneInfo.Utc);

    [Fact]
    public async Task ServerDown_GoesToItsBackendsTargets_AtAlert_OtherEventsToTheGlobalOnes_AtNotice()
    {
        using var global = Receiver(out var globalPort);
        using var backend = Receiver(out var backendPort);
        var options = ConfigLoader.Parse($"""
            global
                log 127.0.0.1:{globalPort} local0 info
                log stdout format raw local0 info
            defaults
                mode tcp
                timeout connect 5s
                timeout client 5s
                timeout server 5s
            frontend f
                bind *:6443
                default_backend b
            backend b
                log 127.0.0.1:{backendPort} local2 info
                server s1 198.18.0.2:6443
            """, "t.cfg").Options!;
        var stdout = new MemoryStream();
        await using var queue = new LogQueue(_time, stdout: () => stdout, pid: 9);
        queue.Start(NullLoggerFactory.Instance);
        using var provider = new SyslogLoggerProvider(queue);
        provider.Route(options);
        var logger = provider.CreateLogger("HaKube.Tcplb.Daemon");

        ServerDown(logger, "b", "s1");
        Reloaded(logger, "t.cfg");

        Assert.Equal("<145>Mar  4 05:06:07 tcplb[9]: server b/s1 is DOWN\n", await ReceiveAsync(backend));
        Assert.Equal("<133>Mar  4 05:06:07 tcplb[9]: reloaded t.cfg\n", await ReceiveAsync(global));
        Assert.Equal(0, stdout.Length); // the journal console writes events to stdout already
    }

    [Fact]
    public void OwnCategoriesAndOthers_NotForwarded()
    {
        using var provider = new SyslogLoggerProvider(new LogQueue(_time));
        Assert.Same(NullLogger.Instance, provider.CreateLogger(LogQueue.Category));
        Assert.Same(NullLogger.Instance, provider.CreateLogger(LogQueue.ConnectionsCategory));
        Assert.Same(NullLogger.Instance, provider.CreateLogger("Yarp.ReverseProxy.Health"));
        Assert.NotSame(NullLogger.Instance, provider.CreateLogger("HaKube.Tcplb.DataPlane"));
    }

    [Theory]
    [InlineData(LogLevel.Critical, 0, SyslogLevel.Crit)]
    [InlineData(LogLevel.Error, 0, SyslogLevel.Err)]
    [InlineData(LogLevel.Warning, 0, SyslogLevel.Warning)]
    [InlineData(LogLevel.Information, 0, SyslogLevel.Notice)]
    [InlineData(LogLevel.Warning, 521, SyslogLevel.Alert)]
    internal void Levels_AsHaproxyLogsItsOwnMessages(LogLevel level, int eventId, SyslogLevel expected)
        => Assert.Equal(expected, SyslogLoggerProvider.Level(level, new EventId(eventId)));

    [LoggerMessage(EventId = 521, Level = LogLevel.Warning, Message = "server {Backend}/{Server} is DOWN")]
    private static partial void ServerDown(ILogger logger, string backend, string server);

    [LoggerMessage(EventId = 514, Level = LogLevel.Information, Message = "reloaded {Config}")]
    private static partial void Reloaded(ILogger logger, string config);

    private static Socket Receiver(out int port)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        port = ((IPEndPoint)socket.LocalEndPoint!).Port;
        return socket;
    }

    private static async Task<string> ReceiveAsync(Socket socket)
    {
        var buffer = new byte[2048];
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var n = await socket.ReceiveAsync(buffer, bound.Token);
        return Encoding.ASCII.GetString(buffer, 0, n);
    }
}
