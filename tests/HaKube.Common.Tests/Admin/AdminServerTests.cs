using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using HaKube.Common.Admin;
using HaKube.Common.Daemon;
using HaKube.Common.Tests.Support;

namespace HaKube.Common.Tests.Admin;

public sealed class AdminServerTests : IAsyncLifetime, IDisposable
{
    private static readonly TestAdminJsonContext Json = TestAdminJsonContext.Default;

    private readonly TempDirectory _dir = new();
    private AdminServer _server = null!;

    private string SocketPath => _dir.File("admin.sock");

    private static AdminClientOptions Client => new() { DaemonName = "vrrpd", Timeout = TimeSpan.FromSeconds(10) };

    public Task InitializeAsync()
    {
        _server = NewServer();
        _server.Map("status", Json.StatusReply, _ => ValueTask.FromResult(new StatusReply("MASTER", 101, "line\nbreak \"quoted\"")));
        _server.Map("echo", Json.EchoArgs, Json.EchoArgs, (a, _) => ValueTask.FromResult(a with { Text = string.Concat(Enumerable.Repeat(a.Text, a.Times)) }));
        _server.Map("refuse", Json.StatusReply, _ => throw new AdminCommandException("server web1 does not exist"));
        _server.Map("crash", Json.StatusReply, _ => throw new InvalidOperationException("bug"));
        _server.Map("hang", Json.StatusReply, async ct =>
        {
            await Task.Delay(Timeout.Infinite, ct);
            return new StatusReply("", 0, "");
        });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
    }

    public void Dispose() => _dir.Dispose();

    private AdminServer NewServer() => new(new AdminServerOptions { SocketPath = SocketPath, DaemonName = "vrrpd" });

    [Fact]
    public async Task Status_ReturnsTheHandlersResult_OnOneLine()
    {
        _server.Start();

        var reply = await AdminClient.RequestAsync(SocketPath, "status", Json.StatusReply, Client);

        Assert.Equal(new StatusReply("MASTER", 101, "line\nbreak \"quoted\""), reply);
    }

    [Fact]
    public async Task Reply_IsOneCompactJsonLine_EvenWithAnIndentingContext()
    {
        _server.Start();

        var raw = await RawExchangeAsync("{\"command\":\"status\"}\n");

        Assert.Equal(1, raw.Count(c => c == '\n'));
        Assert.EndsWith("\n", raw, StringComparison.Ordinal);
        using var reply = JsonDocument.Parse(raw);
        Assert.True(reply.RootElement.GetProperty("ok").GetBoolean());
        Assert.Equal("MASTER", reply.RootElement.GetProperty("result").GetProperty("state").GetString());
    }

    [Fact]
    public async Task TypedArgs_RoundTrip()
    {
        _server.Start();

        var reply = await AdminClient.RequestAsync(SocketPath, "echo", new EchoArgs("ab", 3), Json.EchoArgs, Json.EchoArgs, Client);

        Assert.Equal("ababab", reply.Text);
    }

    [Fact]
    public async Task InvalidArgs_FailWithTheCommandsName()
    {
        _server.Start();
        using var args = JsonDocument.Parse("{\"text\":5}");

        var e = await Assert.ThrowsAsync<AdminClientException>(() => AdminClient.RequestAsync(SocketPath, "echo", args.RootElement, Client));

        Assert.Equal(AdminErrorKind.CommandFailed, e.Kind);
        Assert.StartsWith("vrrpd: invalid arguments for 'echo'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownCommand_ListsTheKnownOnes()
    {
        _server.Start();

        var e = await Assert.ThrowsAsync<AdminClientException>(() => AdminClient.RequestAsync(SocketPath, "stauts", null, Client));

        Assert.Equal(AdminErrorKind.CommandFailed, e.Kind);
        Assert.Contains("unknown command 'stauts'", e.Message, StringComparison.Ordinal);
        Assert.Contains("status", e.Message.Split("commands:")[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task HandlerRefusal_ReachesTheClientVerbatim()
    {
        _server.Start();

        var e = await Assert.ThrowsAsync<AdminClientException>(() => AdminClient.RequestAsync(SocketPath, "refuse", null, Client));

        Assert.Equal("vrrpd: server web1 does not exist", e.Message);
    }

    [Fact]
    public async Task HandlerBug_FailsThatRequestOnly()
    {
        _server.Start();

        var e = await Assert.ThrowsAsync<AdminClientException>(() => AdminClient.RequestAsync(SocketPath, "crash", null, Client));
        var after = await AdminClient.RequestAsync(SocketPath, "status", Json.StatusReply, Client);

        Assert.Equal(AdminErrorKind.CommandFailed, e.Kind);
        Assert.Contains("InvalidOperationException: bug", e.Message, StringComparison.Ordinal);
        Assert.Equal("MASTER", after.State);
    }

    [Fact]
    public async Task SlowHandler_TimesOutWithAClearMessage()
    {
        _server.Start();

        var e = await Assert.ThrowsAsync<AdminClientException>(() =>
            AdminClient.RequestAsync(SocketPath, "hang", null, Client with { Timeout = TimeSpan.FromMilliseconds(200) }));

        Assert.Equal(AdminErrorKind.Timeout, e.Kind);
        Assert.Equal($"vrrpd did not answer 'hang' within 0.2 s (admin socket {SocketPath})", e.Message);
    }

    [Fact]
    public async Task Ping_NamesDaemonAndPid()
    {
        _server.Start();

        var reply = await AdminClient.RequestAsync(SocketPath, "ping", null, Client);

        Assert.Equal("vrrpd", reply.GetProperty("daemon").GetString());
        Assert.Equal(Environment.ProcessId, reply.GetProperty("pid").GetInt32());
    }

    [Fact]
    public async Task MalformedLine_GetsAnErrorReply_AndTheConnectionStaysUsable()
    {
        _server.Start();

        var raw = await RawExchangeAsync("not json\n{\"command\":\"ping\"}\n", expectedLines: 2);
        var lines = raw.Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Contains("\"ok\":false", lines[0], StringComparison.Ordinal);
        Assert.Contains("malformed request", lines[0], StringComparison.Ordinal);
        Assert.Contains("\"ok\":true", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Socket_HasMode0666_AndIsRemovedOnDispose()
    {
        _server.Start();

        // Open to all as a file: the peer's uid decides (next test), so root without CAP_DAC_OVERRIDE gets in.
        Assert.Equal((UnixFileMode)0b110_110_110, File.GetUnixFileMode(SocketPath));
        await _server.DisposeAsync();
        Assert.False(File.Exists(SocketPath));
    }

    [Fact]
    public async Task PeerOfAnotherUser_IsRefused_NamingItsUid_WhileRootIsServed()
    {
        _server.Start();
        File.SetUnixFileMode(_dir.Path, (UnixFileMode)0b111_101_101);

        // uid 65534 (nobody) connects (curl: the refusal comes before any request is read, so what curl sends does
        // not matter; --http0.9 prints the raw line).
        var psi = new System.Diagnostics.ProcessStartInfo("setpriv") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "--reuid=65534", "--regid=65534", "--clear-groups", "curl", "-sS", "--http0.9", "--max-time", "10", "--unix-socket", SocketPath, "http://admin/" })
        {
            psi.ArgumentList.Add(arg);
        }

        using var nobody = System.Diagnostics.Process.Start(psi)!;
        var output = await nobody.StandardOutput.ReadToEndAsync();
        var error = await nobody.StandardError.ReadToEndAsync();
        await nobody.WaitForExitAsync();

        Assert.True(output.Length > 0, $"curl exited {nobody.ExitCode}: {error}");
        Assert.Contains("permission denied: uid 65534 (pid ", output, StringComparison.Ordinal);
        Assert.Contains("root and uid 0 (the user vrrpd runs as) may", output, StringComparison.Ordinal);
        Assert.Equal("MASTER", (await AdminClient.RequestAsync(SocketPath, "status", Json.StatusReply, Client)).State);
    }

    [Fact]
    public async Task NoDaemon_IsNotRunning_WithThePath()
    {
        var e = await Assert.ThrowsAsync<AdminClientException>(() => AdminClient.RequestAsync(_dir.File("vrrpd/admin.sock"), "status"));

        Assert.Equal(AdminErrorKind.NotRunning, e.Kind);
        Assert.Equal($"vrrpd is not running (no admin socket at {_dir.File("vrrpd/admin.sock")})", e.Message);
    }

    [Fact]
    public async Task StaleSocketOfACrashedDaemon_IsNotRunningForClients_AndReplacedAtStart()
    {
        // What a SIGKILLed daemon leaves: a socket file nobody listens on. (.NET unlinks a socket it bound when it
        // is disposed, as a clean exit would; moving the file away first keeps it, as a crash does.)
        using (var dead = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified))
        {
            dead.Bind(new UnixDomainSocketEndPoint(_dir.File("dead.sock")));
            File.Move(_dir.File("dead.sock"), SocketPath);
        }

        var e = await Assert.ThrowsAsync<AdminClientException>(() => AdminClient.RequestAsync(SocketPath, "status", null, Client));
        Assert.Equal(AdminErrorKind.NotRunning, e.Kind);
        Assert.Contains("nothing listens", e.Message, StringComparison.Ordinal);

        _server.Start();
        Assert.Equal("MASTER", (await AdminClient.RequestAsync(SocketPath, "status", Json.StatusReply, Client)).State);
    }

    [Fact]
    public async Task LiveSocket_SecondInstanceFailsNamingThePid()
    {
        _server.Start();
        await using var second = NewServer();

        var e = Assert.Throws<DaemonStartupException>(second.Start);

        Assert.Equal(Environment.ProcessId, e.OtherPid);
        Assert.Contains($"another vrrpd (pid {Environment.ProcessId}) is serving the admin socket {SocketPath}", e.Message, StringComparison.Ordinal);
        Assert.Equal("MASTER", (await AdminClient.RequestAsync(SocketPath, "status", Json.StatusReply, Client)).State);
    }

    [Fact]
    public void RegularFileInTheWay_IsNotDeleted()
    {
        File.WriteAllText(SocketPath, "precious");

        var e = Assert.Throws<DaemonStartupException>(_server.Start);

        Assert.Contains("is not a socket", e.Message, StringComparison.Ordinal);
        Assert.Equal("precious", File.ReadAllText(SocketPath));
    }

    [Fact]
    public async Task OversizedRequest_ClosesTheConnection()
    {
        _server.Start();
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        await socket.ConnectAsync(new UnixDomainSocketEndPoint(SocketPath));
        var big = new byte[128 * 1024];
        big.AsSpan().Fill((byte)'x');

        try
        {
            await socket.SendAsync(big);
        }
        catch (SocketException)
        {
            // The server may close before it has read everything.
        }

        var buffer = new byte[256];
        int read;
        try
        {
            read = await Until.DoneAsync(socket.ReceiveAsync(buffer), "server closes");
        }
        catch (SocketException)
        {
            read = 0;
        }

        Assert.Equal(0, read);
    }

    private async Task<string> RawExchangeAsync(string request, int expectedLines = 1)
    {
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        await socket.ConnectAsync(new UnixDomainSocketEndPoint(SocketPath));
        await socket.SendAsync(Encoding.UTF8.GetBytes(request));
        var received = new StringBuilder();
        var buffer = new byte[4096];
        while (received.ToString().Count(c => c == '\n') < expectedLines)
        {
            var n = await Until.DoneAsync(socket.ReceiveAsync(buffer), "reply");
            Assert.NotEqual(0, n);
            received.Append(Encoding.UTF8.GetString(buffer, 0, n));
        }

        return received.ToString();
    }
}
