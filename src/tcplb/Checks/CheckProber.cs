using System.Net.Sockets;
using System.Security.Authentication;
using HaKube.Tcplb.Configuration;

namespace HaKube.Tcplb.Checks;

/// <summary>
/// The real probes. Tcp: connect. Tls: connect and handshake. Http/Https: YARP's cluster HTTP client sends the check
/// request over a connection <see cref="CheckConnector"/> makes (so TLS is verified exactly as the Tls check) and the
/// status is matched against the expected ones; only the response head is read.
/// </summary>
internal sealed class CheckProber : IServerProber, IDisposable
{
    private readonly YarpProxyState _yarp;
    private readonly TimeProvider _time;
    private readonly CheckTlsContext?[][] _tls;
    private static readonly HttpCheckOptions DefaultHttpCheck = new();

    /// <exception cref="InvalidOperationException">A CA file or client certificate cannot be loaded (the message says which).</exception>
    public CheckProber(IReadOnlyList<BackendOptions> backends, YarpProxyState yarp, TimeProvider time)
    {
        _yarp = yarp;
        _time = time;
        _tls = new CheckTlsContext?[backends.Count][];
        try
        {
            for (var b = 0; b < backends.Count; b++)
            {
                _tls[b] = new CheckTlsContext?[backends[b].Servers.Length];
                for (var s = 0; s < backends[b].Servers.Length; s++)
                {
                    var server = backends[b].Servers[s];
                    if (server.Check is { Enabled: true, Type: HealthCheckType.Tls or HealthCheckType.Https })
                    {
                        _tls[b][s] = CheckTlsContext.Load(server.Check.Tls, backends[b].Name, server.Name);
                    }
                }
            }
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public async ValueTask<ProbeResult> ProbeAsync(CheckTarget target, CancellationToken cancellationToken)
    {
        var attempt = new ProbeAttempt(target, _tls[target.BackendIndex][target.ServerIndex], _time, cancellationToken);
        try
        {
            if (target.Check.Type is HealthCheckType.Tcp or HealthCheckType.Tls)
            {
                await using var stream = await CheckConnector.ConnectAsync(attempt, cancellationToken);
                return new ProbeResult(attempt.Tls is null ? CheckStatus.Layer4Ok : CheckStatus.Layer6Ok);
            }

            using var request = _yarp.CreateProbeRequest(target.BackendIndex, target.ServerIndex);
            request.Options.Set(ProbeAttempt.OptionsKey, attempt);
            using var response = await _yarp.HttpClient(target.BackendIndex).SendAsync(request, cancellationToken);
            var status = (int)response.StatusCode;
            var info = string.IsNullOrEmpty(response.ReasonPhrase) ? $"{status}" : $"{status} {response.ReasonPhrase}";
            return (target.Http ?? DefaultHttpCheck).Accepts(status)
                ? new ProbeResult(CheckStatus.Layer7Ok, info)
                : new ProbeResult(CheckStatus.Layer7Status, info);
        }
        catch (Exception e) when (e is SocketException or IOException or AuthenticationException or HttpRequestException or OperationCanceledException or ProbeSetupException)
        {
            return ProbeFailure.Classify(e, attempt);
        }
    }

    public void Dispose()
    {
        foreach (var server in _tls)
        {
            foreach (var context in server ?? [])
            {
                context?.Dispose();
            }
        }
    }
}
