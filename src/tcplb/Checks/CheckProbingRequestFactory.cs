using Yarp.ReverseProxy.Health;
using Yarp.ReverseProxy.Model;

namespace HaKube.Tcplb.Checks;

/// <summary>
/// The request of an HTTP(S) check, in place of YARP's default (which always sends GET over HTTP/2-or-lower): the
/// backend's method and path, HTTP/1.1, <c>Connection: close</c>, so each probe opens its own connection as HAProxy's
/// checks do (a reused keep-alive connection would hide a listener that no longer accepts). The URI's scheme is always
/// http: <see cref="CheckHttpClientFactory"/>'s connect callback does the TLS handshake itself, with the same
/// verification as the TLS check, and hands the handler a ready stream.
/// </summary>
internal sealed class CheckProbingRequestFactory : IProbingRequestFactory
{
    public HttpRequestMessage CreateRequest(ClusterModel cluster, DestinationModel destination)
    {
        var probeAddress = new Uri(destination.Config.Health ?? destination.Config.Address);
        var active = cluster.Config.HealthCheck?.Active;
        var method = cluster.Config.Metadata?.GetValueOrDefault(YarpClusterMapper.MethodMetadata) ?? "GET";
        var path = string.IsNullOrEmpty(active?.Path) ? "/" : active.Path;
        var request = new HttpRequestMessage(new HttpMethod(method), new Uri($"http://{probeAddress.Authority}{path}{active?.Query}"))
        {
            Version = cluster.Config.HttpRequest?.Version ?? System.Net.HttpVersion.Version11,
            VersionPolicy = cluster.Config.HttpRequest?.VersionPolicy ?? HttpVersionPolicy.RequestVersionExact,
        };
        request.Headers.ConnectionClose = true;
        return request;
    }
}
