using System.Net;
using HaKube.Tcplb.DataPlane;

namespace HaKube.Tcplb.Tests.DataPlane;

public sealed class TcpLogFormatterTests
{
    /// <summary>The entry of HAProxy's tcplog example (configuration.txt 8.2.2) for <paramref name="client"/>.</summary>
    internal static ConnectionLogEntry Entry(IPEndPoint client) => new()
    {
        Client = client,
        AcceptDate = new DateTimeOffset(2009, 2, 6, 12, 12, 51, 443, TimeSpan.Zero),
        Frontend = "fnt",
        Backend = "bck",
        Server = "srv1",
        QueueMilliseconds = 0,
        ConnectMilliseconds = 0,
        TotalMilliseconds = 5007,
        BytesRead = 212,
        BytesUploaded = 10,
        Termination = TerminationState.Normal,
        ActiveConnections = 0,
        FrontendConnections = 0,
        BackendConnections = 0,
        ServerConnections = 0,
        Retries = 3,
        ServerQueue = 0,
        BackendQueue = 0,
    };

    [Fact]
    public void Format_MatchesHaproxyTcplogExample_Section8_2_2()
    {
        // configuration.txt 8.2.2: "10.0.1.2:33313 [06/Feb/2009:12:12:51.443] fnt bck/srv1 0/0/5007 212 -- 0/0/0/0/3 0/0"
        var line = TcpLogFormatter.Format(Entry(new IPEndPoint(IPAddress.Parse("10.0.1.2"), 33313)));

        Assert.Equal("10.0.1.2:33313 [06/Feb/2009:12:12:51.443] fnt bck/srv1 0/0/5007 212 -- 0/0/0/0/3 0/0", line);
    }

    [Fact]
    public void Format_NoServer_AndIpv6Client()
    {
        var entry = Entry(new IPEndPoint(IPAddress.IPv6Loopback, 40000)) with
        {
            Server = "<NOSRV>",
            QueueMilliseconds = -1,
            ConnectMilliseconds = -1,
            Termination = new TerminationState('S', 'C'),
        };

        Assert.StartsWith("::1:40000 [06/Feb/2009:12:12:51.443] fnt bck/<NOSRV> -1/-1/5007 212 SC ", TcpLogFormatter.Format(entry), StringComparison.Ordinal);
    }
}
