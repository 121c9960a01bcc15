using System.Text.Json.Serialization;

namespace HaKube.Vrrpd.Tracking;

/// <summary>
/// One event of tcplb's <c>readiness</c> topic (docs/readiness-stream.md): tcplb publishes the same JSON shape,
/// <c>{"listening":true,"healthyBackends":2,"totalBackends":3,"pid":4242}</c>; the names are fixed here so no
/// naming policy can change the contract.
/// </summary>
/// <param name="Listening">Every configured frontend is bound and accepting.</param>
/// <param name="HealthyBackends">Servers of the frontends' backends that are up (active checks and passive mark-down).</param>
/// <param name="TotalBackends">All servers of the frontends' backends.</param>
/// <param name="Pid">tcplb's process id.</param>
internal sealed record ReadinessEvent(
    [property: JsonPropertyName("listening")] bool Listening,
    [property: JsonPropertyName("healthyBackends")] int HealthyBackends,
    [property: JsonPropertyName("totalBackends")] int TotalBackends,
    [property: JsonPropertyName("pid")] int Pid)
{
    /// <summary>The admin topic tcplb publishes it on.</summary>
    public const string Topic = "readiness";
}
