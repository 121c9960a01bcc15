using System.Net;
using HaKube.Bench.DataPlane;

namespace HaKube.Bench.Tests;

public sealed class HopMatcherTests
{
    internal static readonly IPAddress Client = IPAddress.Parse("198.18.0.20");
    internal static readonly IPAddress Balancer = IPAddress.Parse("198.18.0.2");
    internal static readonly IPAddress Backend = IPAddress.Parse("198.18.0.4");
    internal const int Port = 6443;

    [Fact]
    public void OneExchange_IsTheRequestsPassagePlusTheAnswers()
    {
        var m = new HopMatcher(Balancer, Client, Port);
        Exchange(m, clientPort: 40000, at: 0, requestHop: 10_000, backendTime: 90_000, answerHop: 30_000, seed: 1);

        var connection = Assert.Single(m.Exchanges(minimum: 1));
        Assert.Equal([40.0], connection);
        Assert.Equal(2, m.Matched);
        Assert.Equal(0, m.UnmatchedAnswers);
        Assert.Equal(0, m.UnforwardedRequests);
    }

    [Fact]
    public void SegmentsAreMatchedByTheirBytes_NotByOrder()
    {
        // Two connections interleaved: the balancer forwards the second one's request first.
        var m = new HopMatcher(Balancer, Client, Port);
        m.Add(0, Client, 40001, Balancer, Port, 100, Bytes(1));
        m.Add(1_000, Client, 40002, Balancer, Port, 100, Bytes(2));
        m.Add(5_000, Balancer, 50002, Backend, Port, 100, Bytes(2));
        m.Add(20_000, Balancer, 50001, Backend, Port, 100, Bytes(1));
        m.Add(100_000, Backend, Port, Balancer, 50001, 200, Bytes(3));
        m.Add(101_000, Backend, Port, Balancer, 50002, 200, Bytes(4));
        m.Add(110_000, Balancer, Port, Client, 40002, 200, Bytes(4));
        m.Add(130_000, Balancer, Port, Client, 40001, 200, Bytes(3));

        var exchanges = m.Exchanges(minimum: 1);
        Assert.Equal([[50.0], [13.0]], exchanges);
    }

    [Fact]
    public void AFlightOfSegments_PassesWithItsSlowest()
    {
        var m = new HopMatcher(Balancer, Client, Port);
        m.Add(0, Client, 40000, Balancer, Port, 1448, Bytes(1));
        m.Add(1_000, Client, 40000, Balancer, Port, 600, Bytes(2));
        m.Add(8_000, Balancer, 50000, Backend, Port, 1448, Bytes(1));
        m.Add(21_000, Balancer, 50000, Backend, Port, 600, Bytes(2));
        m.Add(90_000, Backend, Port, Balancer, 50000, 300, Bytes(3));
        m.Add(95_000, Balancer, Port, Client, 40000, 300, Bytes(3));

        Assert.Equal([25.0], Assert.Single(m.Exchanges(minimum: 1)));
    }

    [Fact]
    public void HealthChecks_AndAnswersWithoutTwin_AreNoHop()
    {
        var m = new HopMatcher(Balancer, Client, Port);
        // The balancer's own HTTPS check and its answer: nothing from the client to match.
        m.Add(0, Balancer, 51000, Backend, Port, 120, Bytes(9));
        m.Add(50_000, Backend, Port, Balancer, 51000, 300, Bytes(8));
        Exchange(m, clientPort: 40000, at: 100_000, requestHop: 10_000, backendTime: 50_000, answerHop: 10_000, seed: 1);
        m.Add(300_000, Balancer, Port, Client, 40000, 31, Bytes(7));
        m.Add(400_000, Client, 40000, Balancer, Port, 31, Bytes(6));

        Assert.Equal([20.0], Assert.Single(m.Exchanges(minimum: 1)));
        Assert.Equal(1, m.UnmatchedAnswers);
        Assert.Equal(1, m.UnforwardedRequests);
    }

    [Fact]
    public void APortReusedAfterAPause_IsAnotherConnection_ShortOnesLeftOut()
    {
        var m = new HopMatcher(Balancer, Client, Port);
        long at = 0;
        var seed = 0;
        for (var i = 0; i < 5; i++, at += 200_000)
        {
            Exchange(m, 40000, at, 10_000, 50_000, 10_000, seed++);
        }

        at += (long)HopMatcher.Reuse.TotalMilliseconds * 1_000_000 + 1;
        for (var i = 0; i < 3; i++, at += 200_000)
        {
            Exchange(m, 40000, at, 20_000, 50_000, 20_000, seed++);
        }

        Assert.Equal([[20.0, 20, 20, 20, 20], [40.0, 40, 40]], m.Exchanges(minimum: 1));
        Assert.Equal([[20.0, 20, 20, 20, 20]], m.Exchanges(minimum: 4));
    }

    /// <summary>A request and its answer through the balancer, times in ns; <paramref name="seed"/> makes the bytes unique.</summary>
    internal static void Exchange(HopMatcher m, int clientPort, long at, long requestHop, long backendTime, long answerHop, int seed)
    {
        m.Add(at, Client, clientPort, Balancer, Port, 100, Bytes(2 * seed));
        m.Add(at + requestHop, Balancer, 50000, Backend, Port, 100, Bytes(2 * seed));
        var answered = at + requestHop + backendTime;
        m.Add(answered, Backend, Port, Balancer, 50000, 200, Bytes((2 * seed) + 1));
        m.Add(answered + answerHop, Balancer, Port, Client, clientPort, 200, Bytes((2 * seed) + 1));
    }

    internal static byte[] Bytes(int seed)
    {
        var bytes = new byte[48];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }
}
