using HaKube.Tcplb.Configuration;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Yarp.ReverseProxy;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Health;
using Yarp.ReverseProxy.Model;

namespace HaKube.Tcplb.Checks;

/// <summary>
/// YARP's half of the checks: the backends loaded as clusters from memory (no routes, no web server), each
/// destination's health written through <see cref="IDestinationHealthUpdater"/> so <see cref="Lookup"/> shows what
/// tcplb decided, and the per-cluster HTTP client and request factory that HTTP(S) probes use.
/// </summary>
internal sealed class YarpProxyState : IDisposable
{
    private readonly ServiceProvider _services;
    private readonly ClusterState[] _clusters;
    private readonly DestinationState[][] _destinations;
    private readonly IDestinationHealthUpdater _updater;
    private readonly IProbingRequestFactory _requests;

    public YarpProxyState(IReadOnlyList<BackendOptions> backends, ILoggerFactory loggerFactory)
    {
        var clusterIds = YarpIds.Assign([.. backends.Select(b => b.Name)]);
        var destinationIds = backends.Select(b => YarpIds.Assign([.. b.Servers.Select(s => s.Name)])).ToArray();
        var clusters = backends.Select((b, i) => YarpClusterMapper.ToCluster(b, clusterIds[i], destinationIds[i])).ToArray();

        var services = new ServiceCollection();
        services.AddSingleton(loggerFactory);
        services.AddLogging();
        // Registered before YARP's AddDataProtection, which then keeps it (see NoDataProtection).
        services.AddSingleton<IDataProtectionProvider>(new NoDataProtection());
        services.AddReverseProxy().LoadFromMemory([], clusters);
        services.AddSingleton<IProbingRequestFactory>(new CheckProbingRequestFactory());
        services.AddSingleton<IForwarderHttpClientFactory>(new CheckHttpClientFactory());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IAvailableDestinationsPolicy, TcplbDestinationsPolicy>());
        _services = services.BuildServiceProvider();

        // Loads and validates the clusters, builds their state and HTTP clients (throws if YARP refuses the config).
        new NoServerEndpointRouteBuilder(_services).MapReverseProxy();

        Lookup = _services.GetRequiredService<IProxyStateLookup>();
        _updater = _services.GetRequiredService<IDestinationHealthUpdater>();
        _requests = _services.GetRequiredService<IProbingRequestFactory>();
        _clusters = new ClusterState[backends.Count];
        _destinations = new DestinationState[backends.Count][];
        for (var b = 0; b < backends.Count; b++)
        {
            if (!Lookup.TryGetCluster(clusterIds[b], out var cluster))
            {
                throw new InvalidOperationException($"YARP did not load cluster '{clusterIds[b]}'");
            }

            _clusters[b] = cluster;
            _destinations[b] = [.. destinationIds[b].Select(id => cluster.Destinations[id])];
        }
    }

    /// <summary>Clusters and destinations as YARP sees them: <c>Health.Active</c> and <c>DestinationsState.AvailableDestinations</c> follow tcplb's checks.</summary>
    public IProxyStateLookup Lookup { get; }

    public ClusterState Cluster(int backend) => _clusters[backend];

    public DestinationState Destination(int backend, int server) => _destinations[backend][server];

    public void SetActive(int backend, int server, DestinationHealth health)
        => _updater.SetActive(_clusters[backend], [new NewActiveDestinationHealth(_destinations[backend][server], health)]);

    public HttpRequestMessage CreateProbeRequest(int backend, int server)
        => _requests.CreateRequest(_clusters[backend].Model, _destinations[backend][server].Model);

    public HttpMessageInvoker HttpClient(int backend) => _clusters[backend].Model.HttpClient;

    public void Dispose() => _services.Dispose();
}
