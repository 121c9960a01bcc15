using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using HaKube.NetLab;

namespace HaKube.Tcplb.Tests.Integration;

/// <summary>The real tcplb sending its tcplog lines to a unix datagram socket and to UDP syslog, as HAProxy does.</summary>
[Collection(TcplbLabGroup.Name)]
public sealed class LogTargetTests(TcplbLab lab)
{
    [Fact]
    public async Task UnixSocketAndUdpTargets_EachGetsTheConnectionsLine_Rfc3164Local0InfoPri134()
    {
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var dir = Directory.CreateTempSubdirectory("tcplb-syslog-");
        try
        {
            var path = Path.Combine(dir.FullName, "log.sock");
            using var unix = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
            unix.Bind(new UnixDomainSocketEndPoint(path));

            var (receiver, port) = await UdpReceiverAsync();
            using var udp = receiver;
            var config = lab.Config().Replace(
                "  log stdout format raw local0 info\n",
                $"  log {path} local0 info\n  log udp@127.0.0.1:{port} local0 info\n",
                StringComparison.Ordinal);
            Assert.Contains($"udp@127.0.0.1:{port}", config, StringComparison.Ordinal);
            await using var tcplb = await TcplbProcess.StartAsync(lab.Balancer, config, name: "syslog");

            var (exit, server) = await lab.CurlAsync("/whoami");
            Assert.Equal(0, exit);

            // The tcplog line of that connection (option tcplog comes with the lab's defaults, 'log global' routes it).
            var body = $@"{Regex.Escape(lab.Client.Address.ToString())}:\d+ \[\d\d/\w{{3}}/\d{{4}}:\d\d:\d\d:\d\d\.\d{{3}}\] kube-apiserver kube-apiserver/{server} \d+/\d+/\d+ \d+ -- \d+/\d+/\d+/\d+/0 0/0";
            var expected = new Regex($@"^<134>\w{{3}} [ \d]\d \d\d:\d\d:\d\d tcplb\[{tcplb.Process.Pid}\]: {body}\n$");
            foreach (var socket in new[] { unix, udp })
            {
                var line = await ReceiveMatchingAsync(socket, l => l.Contains(" kube-apiserver kube-apiserver/", StringComparison.Ordinal), bound.Token);
                Assert.Matches(expected, line);
            }

            // Sent there only: the journal (stdout) does not get the line a target took.
            Assert.DoesNotContain(tcplb.Process.Output, l => l.Text.Contains($" kube-apiserver kube-apiserver/{server} ", StringComparison.Ordinal));
            var status = await tcplb.CliAsync("status");
            Assert.Contains($"log {path}: ok, ", status.StandardOutput, StringComparison.Ordinal);
            Assert.Contains($"log udp@127.0.0.1:{port}: ok, ", status.StandardOutput, StringComparison.Ordinal);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task LogTagSendHostnameAndSample_OnTheWire_AsHaproxySendsThem()
    {
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var (receiver, port) = await UdpReceiverAsync();
        using var udp = receiver;
        var config = lab.Config().Replace(
            "  log stdout format raw local0 info\n",
            $"  log udp@127.0.0.1:{port} sample 1:2 local0 info\n  log-tag haproxy\n  log-send-hostname lb-a\n",
            StringComparison.Ordinal);
        await using var tcplb = await TcplbProcess.StartAsync(lab.Balancer, config, name: "logtag");

        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(0, (await lab.CurlAsync("/whoami")).ExitCode);
        }

        // "sample 1:2": the first and the third of the four connection lines, none other (a bounded wait for more).
        var lines = new List<string>();
        var buffer = new byte[8192];
        using var quiet = CancellationTokenSource.CreateLinkedTokenSource(bound.Token);
        quiet.CancelAfter(TimeSpan.FromSeconds(3));
        try
        {
            while (true)
            {
                var n = await udp.ReceiveAsync(buffer, quiet.Token);
                var line = Encoding.UTF8.GetString(buffer, 0, n);
                if (line.Contains(" kube-apiserver kube-apiserver/", StringComparison.Ordinal))
                {
                    lines.Add(line);
                }
            }
        }
        catch (OperationCanceledException) when (!bound.IsCancellationRequested)
        {
        }

        Assert.Equal(2, lines.Count);
        Assert.All(lines, l => Assert.Matches($@"^<134>\w{{3}} [ \d]\d \d\d:\d\d:\d\d lb-a haproxy\[{tcplb.Process.Pid}\]: ", l));
    }

    [Fact]
    public async Task MissingDevLogAndUnreachableUdp_TcplbServesAnyway_AndSaysSoOnce()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"tcplb-no-such-{Guid.NewGuid():N}.sock");
        var config = lab.Config().Replace(
            "  log stdout format raw local0 info\n",
            $"  log {missing} local0 info\n  log udp@255.255.255.255 local0 info\n",
            StringComparison.Ordinal);
        await using var tcplb = await TcplbProcess.StartAsync(lab.Balancer, config, name: "nosyslog");

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(0, (await lab.CurlAsync("/whoami")).ExitCode);
        }

        await tcplb.WaitForLogAsync($"log target {missing} is unreachable");
        await Wait.UntilAsync(async _ => (await tcplb.CliAsync("status")).StandardOutput.Contains("log udp@255.255.255.255: UNREACHABLE", StringComparison.Ordinal), TimeSpan.FromSeconds(20), "the UDP target reported unreachable");
        Assert.Equal(1, tcplb.CountLog($"log target {missing} is unreachable"));
        Assert.Equal(1, tcplb.CountLog("log target udp@255.255.255.255 is unreachable"));
    }

    /// <summary>A UDP syslog receiver on 127.0.0.1 of the balancer's own namespace, where tcplb runs; with its port.</summary>
    private async Task<(Socket Socket, int Port)> UdpReceiverAsync()
    {
        var socket = await lab.Balancer.InNamespaceAsync(() =>
        {
            var s = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            s.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            return s;
        });
        return (socket, ((IPEndPoint)socket.LocalEndPoint!).Port);
    }

    private static async Task<string> ReceiveMatchingAsync(Socket socket, Func<string, bool> match, CancellationToken ct)
    {
        var buffer = new byte[8192];
        while (true)
        {
            var n = await socket.ReceiveAsync(buffer, ct);
            var line = Encoding.UTF8.GetString(buffer, 0, n);
            if (match(line))
            {
                return line;
            }
        }
    }
}
