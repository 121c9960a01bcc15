using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace HaKube.Tcplb.Checks;

/// <summary>
/// What YARP's <c>MapReverseProxy</c> needs to load its configuration and build the cluster and destination state
/// (IProxyStateLookup), without a web server: tcplb's byte path is its own, so no request ever reaches the pipeline.
/// </summary>
internal sealed class NoServerEndpointRouteBuilder(IServiceProvider services) : IEndpointRouteBuilder
{
    public IServiceProvider ServiceProvider { get; } = services;

    public ICollection<EndpointDataSource> DataSources { get; } = [];

    public IApplicationBuilder CreateApplicationBuilder() => new ApplicationBuilder(ServiceProvider);
}
