using System.Net.Sockets;

namespace HaKube.Tcplb.Tests.DataPlane;

/// <summary>Small socket helpers for tests, each bounded in time by the token.</summary>
internal static class SocketIo
{
    public static async Task<byte[]> ReadExactlyAsync(Socket s, int count, CancellationToken ct)
    {
        var buffer = new byte[count];
        var read = 0;
        while (read < count)
        {
            var n = await s.ReceiveAsync(buffer.AsMemory(read), ct);
            if (n == 0)
            {
                throw new EndOfStreamException($"EOF after {read} of {count} bytes");
            }

            read += n;
        }

        return buffer;
    }

    /// <summary>Reads until EOF; throws SocketException when the peer resets.</summary>
    public static async Task<byte[]> ReadToEndAsync(Socket s, CancellationToken ct)
    {
        using var all = new MemoryStream();
        var buffer = new byte[64 * 1024];
        while (true)
        {
            var n = await s.ReceiveAsync(buffer, ct);
            if (n == 0)
            {
                return all.ToArray();
            }

            all.Write(buffer, 0, n);
        }
    }

    /// <summary>True when the peer closed (EOF or reset) — the outcome the engine gives a client it gives up on.</summary>
    public static async Task<bool> IsClosedByPeerAsync(Socket s, CancellationToken ct)
    {
        try
        {
            var buffer = new byte[256];
            while (true)
            {
                if (await s.ReceiveAsync(buffer, ct) == 0)
                {
                    return true;
                }
            }
        }
        catch (SocketException)
        {
            return true;
        }
    }

    /// <summary>Sends <paramref name="payload"/> and a FIN while reading what comes back until the peer's FIN (both at once, so an echo never stalls).</summary>
    public static async Task<byte[]> SendAllAndReadToEndAsync(Socket s, byte[] payload, CancellationToken ct)
    {
        var send = Task.Run(async () =>
        {
            await s.SendAsync(payload, ct);
            s.Shutdown(SocketShutdown.Send);
        }, ct);
        var received = await ReadToEndAsync(s, ct);
        await send;
        return received;
    }

    public static async Task RoundTripAsync(Socket s, byte[] payload, CancellationToken ct)
    {
        await s.SendAsync(payload, ct);
        var echo = await ReadExactlyAsync(s, payload.Length, ct);
        Assert.Equal(payload, echo);
    }
}
