using HaKube.Vrrpd.Configuration;

namespace HaKube.Vrrpd.Daemon;

internal sealed partial class VrrpDaemon
{
    /// <summary>
    /// SIGHUP: re-read the file. An instance whose fingerprint did not change is left alone (same loop, same
    /// timers, same addresses: no advert missed); changed ones are stopped and started again, removed ones stopped,
    /// new ones started. A file with errors changes nothing.
    /// </summary>
    private async Task ReloadAsync(string source)
    {
        Log.Reloading(_logger, _run.ConfigPath, source);
        _notifier.Reloading("reloading " + _run.ConfigPath);
        var rtnl = _context!.Rtnetlink;
        var loaded = ConfigLoader.Load(_run.ConfigPath, HostAddressSet(await rtnl.GetAddressesAsync()));
        ReportDiagnostics(loaded.Diagnostics);
        if (loaded.Options is not { } options)
        {
            Log.ReloadRejected(_logger, _run.ConfigPath);
            _notifier.Ready("reload rejected (configuration errors); running the previous configuration. " + Summary());
            return;
        }

        var current = _instances;
        var next = new Dictionary<string, RunningInstance>(StringComparer.Ordinal);
        var toStop = new List<RunningInstance>();
        var toStart = new List<VrrpInstanceOptions>();
        foreach (var instance in options.Instances)
        {
            var fingerprint = InstanceFingerprint.Of(options, instance);
            if (current.TryGetValue(instance.Name, out var running) && running.Fingerprint == fingerprint)
            {
                next[instance.Name] = running;
                continue;
            }

            if (running is not null)
            {
                toStop.Add(running);
            }

            toStart.Add(instance);
        }

        toStop.AddRange(current.Where(kv => !options.Instances.Any(i => i.Name == kv.Key)).Select(kv => kv.Value));
        // Out of the watchdog's and the metrics' sight before they stop: a stopped loop serves no heartbeat.
        Volatile.Write(ref _instanceList, [.. current.Values.Where(r => !toStop.Contains(r)).Select(r => r.Instance)]);
        foreach (var stopping in toStop)
        {
            Log.InstanceStopping(_logger, stopping.Instance.Name);
            await stopping.Instance.DisposeAsync();
        }

        // The new groups and notify scripts are in force before the new instances make their first transition.
        _options = options;
        SetSyncGroups(options);
        var links = await rtnl.GetLinksAsync();
        var addresses = await rtnl.GetAddressesAsync();
        foreach (var instance in toStart)
        {
            try
            {
                next[instance.Name] = StartInstance(options, instance, links, addresses);
            }
            catch (Exception e) when (e is InstanceSetupException or Platform.PlatformException)
            {
                Log.InstanceNotStarted(_logger, instance.Name, e.Message);
            }
        }

        SetInstances(next);
        Log.Reloaded(_logger, next.Count - toStart.Count, toStart.Count, toStop.Count);
        _notifier.Ready(Summary());
    }
}
