using Yarp.ReverseProxy.Forwarder;

namespace HaKube.Tcplb.Checks;

/// <summary>
/// YARP's per-cluster HTTP client, configured for checks: connections are made by <see cref="CheckConnector"/> for the
/// probe in the request's options (TCP connect bound, TLS with the server's check settings and client certificate) and
/// never pooled: one connection per probe, as HAProxy. tcplb forwards no HTTP, so this client serves checks only.
/// </summary>
internal sealed class CheckHttpClientFactory : ForwarderHttpClientFactory
{
    protected override void ConfigureHandler(ForwarderHttpClientContext context, SocketsHttpHandler handler)
    {
        base.ConfigureHandler(context, handler);
        handler.PooledConnectionLifetime = TimeSpan.Zero;
        handler.ConnectTimeout = Timeout.InfiniteTimeSpan; // the probe's own bounds apply (CheckTimeouts)
        handler.ConnectCallback = async (connection, cancellationToken) =>
        {
            if (!connection.InitialRequestMessage.Options.TryGetValue(ProbeAttempt.OptionsKey, out var attempt))
            {
                throw new InvalidOperationException("a check request without its probe: only HttpCheckProber sends on this client");
            }

            using var bound = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, attempt.Cancellation);
            return await CheckConnector.ConnectAsync(attempt, bound.Token);
        };
    }
}
