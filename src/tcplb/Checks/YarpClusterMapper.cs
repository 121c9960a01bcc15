using System.Globalization;
using System.Net;
using HaKube.Tcplb.Configuration;
using Yarp.ReverseProxy.Configuration;

namespace HaKube.Tcplb.Checks;

/// <summary>
/// A backend as a YARP cluster (docs/tcplb-config.md, "The model"): destinations keyed by server, the check's interval,
/// timeout, path and fall as YARP spells them. YARP's own active monitor stays off (<c>Active.Enabled = false</c>): it
/// probes all of a cluster's destinations together on one fixed interval, with no fastinter, downinter, rise or jitter;
/// tcplb's scheduler probes instead and writes each destination's <c>Health.Active</c>. Availability is
/// <see cref="TcplbDestinationsPolicy"/>'s (no "panic" mode: all down means none available).
/// </summary>
internal static class YarpClusterMapper
{
    /// <summary>Cluster metadata carrying the HTTP check's method to <see cref="CheckProbingRequestFactory"/>.</summary>
    public const string MethodMetadata = "Tcplb.HttpCheck.Method";

    /// <summary>YARP's ConsecutiveFailuresHealthPolicy reads fall here.</summary>
    public const string ThresholdMetadata = "ConsecutiveFailuresHealthPolicy.Threshold";

    public static ClusterConfig ToCluster(BackendOptions backend, string clusterId, IReadOnlyList<string> destinationIds)
    {
        var destinations = new Dictionary<string, DestinationConfig>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < backend.Servers.Length; i++)
        {
            destinations.Add(destinationIds[i], ToDestination(backend.Servers[i]));
        }

        // YARP has one check setting per cluster, tcplb one per server: the first checked server's stand for the cluster.
        var check = backend.Servers.FirstOrDefault(s => s.Check.Enabled)?.Check ?? new ServerCheckOptions();
        var metadata = new Dictionary<string, string> { [ThresholdMetadata] = check.Fall.ToString(CultureInfo.InvariantCulture) };
        string? path = null;
        string? query = null;
        if (backend.HttpCheck is { } http)
        {
            metadata[MethodMetadata] = http.Method;
            var q = http.Path.IndexOf('?', StringComparison.Ordinal);
            (path, query) = q < 0 ? (http.Path, null) : (http.Path[..q], http.Path[q..]);
        }

        return new ClusterConfig
        {
            ClusterId = clusterId,
            LoadBalancingPolicy = backend.Balance switch
            {
                BalanceAlgorithm.RoundRobin => "RoundRobin",
                BalanceAlgorithm.LeastConn => "LeastRequests",
                BalanceAlgorithm.Random => backend.RandomDraws == 1 ? "Random" : "PowerOfTwoChoices",
                _ => null, // source hash is tcplb's own; YARP has no name for it
            },
            HealthCheck = new HealthCheckConfig
            {
                Active = new ActiveHealthCheckConfig
                {
                    Enabled = false,
                    Interval = check.Inter,
                    Timeout = backend.Timeouts.Check ?? check.Inter,
                    Policy = "ConsecutiveFailures",
                    Path = path,
                    Query = query,
                },
                Passive = new PassiveHealthCheckConfig { Enabled = false },
                AvailableDestinationsPolicy = TcplbDestinationsPolicy.PolicyName,
            },
            HttpRequest = new Yarp.ReverseProxy.Forwarder.ForwarderRequestConfig
            {
                Version = HttpVersion.Version11,
                VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            },
            Metadata = metadata,
            Destinations = destinations,
        };
    }

    /// <summary>
    /// Address: the server ("https://" for TLS and HTTPS checks, "http://" for HTTP, "tcp://" otherwise; no port = the
    /// client's); Health: where probes go (the check port).
    /// </summary>
    public static DestinationConfig ToDestination(ServerOptions server)
    {
        var scheme = server.Check.Type switch
        {
            HealthCheckType.Tls or HealthCheckType.Https => "https",
            HealthCheckType.Http => "http",
            _ => "tcp",
        };
        var host = server.Address.Ip is { AddressFamily: System.Net.Sockets.AddressFamily.InterNetworkV6 } ? $"[{server.Address.Host}]" : server.Address.Host;
        var address = server.Address.Port is { } p ? $"{scheme}://{host}:{p}" : $"{scheme}://{host}";
        var checkPort = server.Check.Port ?? server.Address.Port;
        return new DestinationConfig
        {
            Address = address,
            Health = server.Check.Enabled && checkPort is { } c ? $"{scheme}://{host}:{c}" : null,
        };
    }
}
