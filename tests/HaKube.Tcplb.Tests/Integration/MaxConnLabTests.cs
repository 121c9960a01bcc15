using System.Globalization;
using System.Net.Security;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using HaKube.Tcplb.Cli;

namespace HaKube.Tcplb.Tests.Integration;

/// <summary>A frontend maxconn through the real tcplb and nginx: the connection beyond it waits in the backlog, then is served.</summary>
[Collection(TcplbLabGroup.Name)]
public sealed class MaxConnLabTests(TcplbLab lab)
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task FrontendMaxConn3_FourthWaitsWithoutAByteFromTheBackend_ServedWhenOneCloses_NothingRefused()
    {
        using var cts = new CancellationTokenSource(Bound);
        var config = lab.Config().Replace("  bind *:6443\n", "  bind *:6443\n  maxconn 3\n", StringComparison.Ordinal);
        Assert.Contains("maxconn 3", config, StringComparison.Ordinal);
        await using var tcplb = await TcplbProcess.StartAsync(lab.Balancer, config, name: "maxconn");
        var held = new List<SslStream>();
        try
        {
            for (var i = 0; i < 3; i++)
            {
                held.Add(await OpenAsync(cts.Token));
                Assert.Contains(await WhoAmIAsync(held[i], cts.Token), lab.Backends.Select(b => b.Name));
            }

            // The fourth connects (the kernel completes the handshake into the backlog) but its TLS ClientHello gets no answer.
            var fourth = await OpenTcpAsync(cts.Token);
            var handshake = HandshakeAsync(fourth, cts.Token);
            await Task.WhenAny(handshake, Task.Delay(TimeSpan.FromSeconds(1), cts.Token));
            Assert.False(handshake.IsCompleted, "the fourth connection was answered (or closed) beyond maxconn 3");

            var frontend = await FrontendRowAsync(tcplb);
            Assert.Equal(("3", "3"), (frontend["scur"], frontend["slim"]));
            using (var json = JsonDocument.Parse((await tcplb.CliAsync("status", "--json")).StandardOutput))
            {
                var fe = json.RootElement.GetProperty("frontends").EnumerateArray().Single(f => f.GetProperty("name").GetString() == "kube-apiserver");
                Assert.Equal((3, 3), (fe.GetProperty("active").GetInt32(), fe.GetProperty("maxConn").GetInt32()));
            }

            await held[0].DisposeAsync();
            held.RemoveAt(0);
            var served = await handshake.WaitAsync(cts.Token);
            held.Add(served);

            // All three now open are served, the waiting one included; none was reset.
            foreach (var stream in held)
            {
                Assert.Contains(await WhoAmIAsync(stream, cts.Token), lab.Backends.Select(b => b.Name));
            }

            Assert.Equal("3", (await FrontendRowAsync(tcplb))["smax"]);
        }
        finally
        {
            foreach (var stream in held)
            {
                await stream.DisposeAsync();
            }
        }
    }

    private static async Task<Dictionary<string, string>> FrontendRowAsync(TcplbProcess tcplb)
    {
        var csv = await tcplb.CliAsync("status", "--csv");
        Assert.Equal(0, csv.ExitCode);
        var row = csv.StandardOutput.Split('\n').Single(l => l.StartsWith("kube-apiserver,FRONTEND,", StringComparison.Ordinal)).Split(',');
        return ShowStatCsv.Columns.Zip(row).ToDictionary(p => p.First, p => p.Second);
    }

    private async Task<Socket> OpenTcpAsync(CancellationToken ct)
    {
        // Created in the client host's namespace; the test drives it from here.
        var socket = await lab.Client.InNamespaceAsync(() => new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp));
        await socket.ConnectAsync(lab.Balancer.Address, 6443, ct);
        return socket;
    }

    private async Task<SslStream> OpenAsync(CancellationToken ct) => await HandshakeAsync(await OpenTcpAsync(ct), ct);

    private static async Task<SslStream> HandshakeAsync(Socket socket, CancellationToken ct)
    {
        // The backend's chain is checked elsewhere (PassthroughTests); here only whether it answers matters.
        var stream = new SslStream(new NetworkStream(socket, ownsSocket: true), leaveInnerStreamOpen: false, (_, _, _, _) => true);
        await stream.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = LabCertificates.ServerName }, ct);
        return stream;
    }

    /// <summary>GET /whoami on a kept-alive connection; nginx answers its host name.</summary>
    private static async Task<string> WhoAmIAsync(SslStream stream, CancellationToken ct)
    {
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"GET /whoami HTTP/1.1\r\nHost: {LabCertificates.ServerName}\r\n\r\n"), ct);
        var text = new StringBuilder();
        var buffer = new byte[4096];
        while (true)
        {
            var n = await stream.ReadAsync(buffer, ct);
            if (n == 0)
            {
                throw new EndOfStreamException($"closed after: {text}");
            }

            text.Append(Encoding.ASCII.GetString(buffer, 0, n));
            var all = text.ToString();
            var headerEnd = all.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            var length = Regex.Match(all, @"\r\nContent-Length: (\d+)\r\n", RegexOptions.IgnoreCase);
            if (headerEnd >= 0 && length.Success && all.Length - headerEnd - 4 >= int.Parse(length.Groups[1].Value, CultureInfo.InvariantCulture))
            {
                Assert.StartsWith("HTTP/1.1 200", all, StringComparison.Ordinal);
                return all[(headerEnd + 4)..].Trim();
            }
        }
    }
}
