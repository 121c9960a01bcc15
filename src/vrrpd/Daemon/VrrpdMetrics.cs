using System.Diagnostics.Metrics;
using HaKube.Vrrpd.Protocol;

namespace HaKube.Vrrpd.Daemon;

/// <summary>vrrpd's instruments (meter "HaKube.Vrrpd"), read from the running instances at each scrape.</summary>
internal sealed class VrrpdMetrics : IDisposable
{
    /// <summary>The meter's name, for the Prometheus exporter.</summary>
    public const string MeterName = "HaKube.Vrrpd";

    private readonly Meter _meter = new(MeterName);
    private readonly Func<IReadOnlyCollection<VrrpInstance>> _instances;

    public VrrpdMetrics(Func<IReadOnlyCollection<VrrpInstance>> instances)
    {
        _instances = instances;
        _meter.CreateObservableGauge("vrrpd.instance.state", () => Each(i => (long)i.State), description: "Instance state: 0 initialize, 1 backup, 2 master, 3 fault");
        _meter.CreateObservableGauge("vrrpd.instance.master", () => Each(i => i.State == StateMachine.VrrpState.Master ? 1 : 0), description: "1 while the instance is master and holds its addresses");
        _meter.CreateObservableGauge("vrrpd.instance.priority", () => Each(i => i.EffectivePriority), description: "Effective (advertised) priority");
        _meter.CreateObservableCounter("vrrpd.adverts.sent", () => Each(i => i.AdvertsSent), unit: "{packet}", description: "Adverts sent");
        _meter.CreateObservableCounter("vrrpd.adverts.send_failures", () => Each(i => i.AdvertSendFailures), unit: "{packet}", description: "Adverts the kernel refused");
        _meter.CreateObservableCounter("vrrpd.adverts.received", () => Each(i => i.Counters.Accepted), unit: "{packet}", description: "Adverts accepted");
        _meter.CreateObservableCounter("vrrpd.adverts.dropped", Drops, unit: "{packet}", description: "Packets dropped by the receive checks, by reason");
        _meter.CreateObservableCounter("vrrpd.transitions", () => Each(i => i.Transitions), unit: "{transition}", description: "State changes");
    }

    public void Dispose() => _meter.Dispose();

    private IEnumerable<Measurement<long>> Each(Func<VrrpInstance, long> value) =>
        _instances().Select(i => new Measurement<long>(value(i), new KeyValuePair<string, object?>("instance", i.Name)));

    private IEnumerable<Measurement<long>> Drops()
    {
        foreach (var instance in _instances())
        {
            foreach (var reason in Enum.GetValues<VrrpDropReason>())
            {
                if (reason != VrrpDropReason.None)
                {
                    yield return new Measurement<long>(
                        instance.Counters[reason],
                        new KeyValuePair<string, object?>("instance", instance.Name),
                        new KeyValuePair<string, object?>("reason", reason.ToString()));
                }
            }
        }
    }
}
