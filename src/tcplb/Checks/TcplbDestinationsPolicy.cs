using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Health;
using Yarp.ReverseProxy.Model;

namespace HaKube.Tcplb.Checks;

/// <summary>
/// A destination is available unless its active or passive health is Unhealthy, whatever the cluster's enabled flags
/// (tcplb writes Health.Active itself) and with no panic: YARP's default, HealthyOrPanic, would offer every destination
/// when all are down, where tcplb must close new connections at once.
/// </summary>
internal sealed class TcplbDestinationsPolicy : IAvailableDestinationsPolicy
{
    public const string PolicyName = "Tcplb";

    public string Name => PolicyName;

    public IReadOnlyList<DestinationState> GetAvailalableDestinations(ClusterConfig config, IReadOnlyList<DestinationState> allDestinations)
    {
        var available = new List<DestinationState>(allDestinations.Count);
        foreach (var destination in allDestinations)
        {
            if (destination.Health.Active != DestinationHealth.Unhealthy && destination.Health.Passive != DestinationHealth.Unhealthy)
            {
                available.Add(destination);
            }
        }

        return available;
    }
}
