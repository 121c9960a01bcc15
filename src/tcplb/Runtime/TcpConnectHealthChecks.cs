using System.Net;
using System.Net.Sockets;

namespace HaKube.Tcplb.Runtime;

/// <summary>
/// A minimal stand-in for Checks/ until it lands: every checked server gets a TCP connect, whatever check type is
/// configured (a TLS or HTTPS check is then only as strict as a connect). Timeout: <c>timeout check</c>, else inter.
/// </summary>
internal sealed class TcpConnectHealthChecks : IHealthChecks
{
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _loops = [];

    public void Start(IReadOnlyList<HealthCheckTarget> targets)
    {
        foreach (var target in targets)
        {
            for (var i = 0; i < target.Count; i++)
            {
                if (target.Backend.Servers[i].Check.Enabled)
                {
                    _loops.Add(RunAsync(target, i, _stop.Token));
                }
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_loops).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stop.Dispose();
    }

    private static async Task RunAsync(HealthCheckTarget target, int server, CancellationToken cancellationToken)
    {
        await Task.Yield();
        var options = target.Backend.Servers[server];
        var endPoint = new IPEndPoint(target.EndPoint(server).Address, options.Check.Port ?? target.EndPoint(server).Port);
        var timeout = target.Backend.Timeouts.Check ?? options.Check.Inter;
        while (!cancellationToken.IsCancellationRequested)
        {
            if (target.IsCheckEnabled(server))
            {
                target.Report(server, await ConnectAsync(endPoint, timeout, cancellationToken));
            }

            try
            {
                await Task.Delay(target.NextCheckDelay(server), cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private static async Task<Health.CheckOutcome> ConnectAsync(IPEndPoint endPoint, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var socket = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bound.CancelAfter(timeout);
        try
        {
            await socket.ConnectAsync(endPoint, bound.Token);
            return Health.CheckOutcome.Pass("connected");
        }
        catch (SocketException e)
        {
            return Health.CheckOutcome.Fail(e.SocketErrorCode == SocketError.ConnectionRefused ? "connection refused" : e.Message);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Health.CheckOutcome.Fail("connect timeout");
        }
    }
}
