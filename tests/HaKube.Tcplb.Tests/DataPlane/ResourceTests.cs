using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using HaKube.NetLab;
using HaKube.Tcplb.Interop;
using Tmds.Linux;

namespace HaKube.Tcplb.Tests.DataPlane;

[Collection(nameof(DescriptorHungryTests))]
public sealed class ResourceTests
{
    private const int IdleConnections = 5000;

    // An asyncio echo server in its own process, so its 5,000 descriptors do not count against ours. Prints its port.
    private const string PythonEcho = """
        import asyncio, resource, sys
        resource.setrlimit(resource.RLIMIT_NOFILE, (12000, resource.getrlimit(resource.RLIMIT_NOFILE)[1]))
        async def handle(r, w):
            try:
                while data := await r.read(65536):
                    w.write(data)
                    await w.drain()
            finally:
                w.close()
        async def main():
            server = await asyncio.start_server(handle, '127.0.0.1', 0, backlog=8192)
            print(server.sockets[0].getsockname()[1], flush=True)
            await asyncio.get_running_loop().run_in_executor(None, sys.stdin.read)
        asyncio.run(main())
        """;

    [Fact]
    public async Task AcceptLoop_OutOfDescriptors_PausesOnce_AndRecovers()
    {
        using var cts = new CancellationTokenSource(EngineFixture.Bound);
        await using var echo = TestServer.Echo();
        var events = new RecordingEvents();
        await using var lb = await EngineFixture.StartAsync([EngineFixture.Server(1, echo.EndPoint)], configureEngine: o => o with { Events = events });
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        // Warm up what runs while no descriptor is free (the runtime's socket engine, timers, these code paths), so only accept4 meets EMFILE.
        using (var warm = await lb.ConnectAsync())
        {
            await SocketIo.RoundTripAsync(warm, [0], cts.Token);
        }

        await Wait.UntilAsync(() => lb.Engine.ActiveConnections == 0, EngineFixture.Bound, "the warm-up session to close");
        var fillers = new List<int>(20_000);
        try
        {
            // Take every free descriptor so accept4 fails with EMFILE.
            TakeEveryFreeDescriptor(fillers);

            await client.ConnectAsync(lb.EndPoint, cts.Token);
            await Wait.UntilAsync(() => events.Paused > 0, EngineFixture.Bound, "the listener to pause on EMFILE");
        }
        finally
        {
            fillers.ForEach(fd => Assert.Equal(0, LibC.close(fd)));
        }

        await SocketIo.RoundTripAsync(client, [1, 2, 3], cts.Token);
        await Wait.UntilAsync(() => events.Resumed > 0, EngineFixture.Bound, "the listener to report recovery");
        Assert.Equal(Errno.EMFILE, events.LastErrno);
        Assert.Equal(1, events.Paused);
    }

    [Fact]
    public async Task EstablishedBulkTransfer_OutOfDescriptorsForPipes_IsCopiedInstead()
    {
        // A full read switches a direction to splice, which needs a pipe (two descriptors). With none free, the
        // session copies instead of ending: an established connection is never cut for want of a pipe.
        using var cts = new CancellationTokenSource(EngineFixture.Bound);
        await using var echo = TestServer.Echo();
        await using var lb = await EngineFixture.StartAsync([EngineFixture.Server(1, echo.EndPoint)]);
        using var client = await lb.ConnectAsync();
        await SocketIo.RoundTripAsync(client, [0], cts.Token);
        var payload = System.Security.Cryptography.RandomNumberGenerator.GetBytes(1024 * 1024);
        var fillers = new List<int>(20_000);
        try
        {
            TakeEveryFreeDescriptor(fillers);

            // Sent and read back at once, so the echo never stalls on full buffers.
            var send = client.SendAsync(payload, cts.Token).AsTask();
            var back = await SocketIo.ReadExactlyAsync(client, payload.Length, cts.Token);
            await send;
            Assert.Equal(payload, back);
        }
        finally
        {
            fillers.ForEach(fd => Assert.Equal(0, LibC.close(fd)));
        }

        Assert.Empty(lb.Log);
        await SocketIo.RoundTripAsync(client, [1, 2, 3], cts.Token);
    }

    [Fact]
    public async Task FiveThousandIdleConnections_AreHeld_WithoutError()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        Assert.Equal(0, GetRLimit.Call(RLimit.NoFile, out var saved));
        Assert.Equal(0, SetRLimit.Call(RLimit.NoFile, new RLimit { Current = saved.Maximum, Maximum = saved.Maximum }));
        using var python = Process.Start(new ProcessStartInfo("python3", ["-c", PythonEcho]) { RedirectStandardInput = true, RedirectStandardOutput = true })!;
        var clients = new List<Socket>(IdleConnections);
        try
        {
            var port = int.Parse((await python.StandardOutput.ReadLineAsync(cts.Token))!, System.Globalization.CultureInfo.InvariantCulture);
            await using var lb = await EngineFixture.StartAsync(
                [EngineFixture.Server(1, new IPEndPoint(IPAddress.Loopback, port))],
                f => f with { Timeouts = f.Timeouts with { Client = TimeSpan.FromMinutes(5), Server = TimeSpan.FromMinutes(5) } });

            for (var i = 0; i < IdleConnections; i++)
            {
                var c = await lb.ConnectAsync();
                clients.Add(c);
                await SocketIo.RoundTripAsync(c, [(byte)i], cts.Token);
            }

            Assert.Equal(IdleConnections, lb.Engine.ActiveConnections);
            // Every connection still works after all are open (idle ones hold no pipe, so they fit in the limit).
            foreach (var c in clients.Where((_, i) => i % 500 == 0))
            {
                await SocketIo.RoundTripAsync(c, [9, 9], cts.Token);
            }

            Assert.Empty(lb.Log);
            clients.ForEach(c => c.Dispose());
            clients.Clear();
            await Wait.UntilAsync(() => lb.Engine.ActiveConnections == 0, EngineFixture.Bound, "all sessions to close");
        }
        finally
        {
            clients.ForEach(c => c.Dispose());
            python.Kill();
            await python.WaitForExitAsync(CancellationToken.None);
            _ = SetRLimit.Call(RLimit.NoFile, saved);
        }
    }

    /// <summary>
    /// Fills <paramref name="fillers"/> with eventfds until the process has no descriptor left (bounded by this machine's
    /// 20,000 limit); the caller closes them in a finally, also those taken before a failure here.
    /// </summary>
    private static void TakeEveryFreeDescriptor(List<int> fillers)
    {
        while (fillers.Count < 20_000)
        {
            var fd = LibC.eventfd(0, LibC.EFD_CLOEXEC);
            if (fd < 0)
            {
                Assert.Equal(Errno.EMFILE, LibC.errno);
                return;
            }

            fillers.Add(fd);
        }
    }
}
