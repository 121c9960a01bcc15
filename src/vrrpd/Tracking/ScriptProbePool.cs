using Microsoft.Extensions.Logging;

namespace HaKube.Vrrpd.Tracking;

/// <summary>
/// The daemon's running track scripts: every instance that references one vrrp_script shares one
/// <see cref="ScriptProbe"/> (one run per interval, as Keepalived), found by its definition without the weight.
/// A reload that changes a script's definition gets a new probe; the old one stops with its last instance.
/// </summary>
internal sealed class ScriptProbePool
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, ScriptProbe> _probes = new(StringComparer.Ordinal);

    /// <summary>How many probes run (or wait to start).</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _probes.Count;
            }
        }
    }

    /// <summary>The probe for <paramref name="settings"/>, with one more reference for the caller to <see cref="ReleaseAsync"/>.</summary>
    public ScriptProbe Acquire(ScriptTrackerSettings settings, IScriptRunner runner, TimeProvider time, ILogger? logger = null)
    {
        var key = ScriptProbe.KeyOf(settings);
        lock (_gate)
        {
            if (_probes.TryGetValue(key, out var probe) && probe.TryRetain())
            {
                return probe;
            }

            probe = new ScriptProbe(settings, runner, time, logger);
            _probes[key] = probe;
            return probe;
        }
    }

    /// <summary>Gives back a reference; the last one stops the probe.</summary>
    public async ValueTask ReleaseAsync(ScriptProbe probe)
    {
        ArgumentNullException.ThrowIfNull(probe);
        if (!probe.Release())
        {
            return;
        }

        lock (_gate)
        {
            var key = ScriptProbe.KeyOf(probe.Settings);
            if (_probes.TryGetValue(key, out var current) && current == probe)
            {
                _probes.Remove(key);
            }
        }

        await probe.DisposeAsync();
    }
}
