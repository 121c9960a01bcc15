using System.Globalization;
using System.Net;
using HaKube.Common.Configuration;
using HaKube.Common.Daemon;
using HaKube.Common.Metrics;
using HaKube.Common.Systemd;
using HaKube.Vrrpd.Configuration;
using HaKube.Vrrpd.Notify;
using HaKube.Vrrpd.Platform;
using HaKube.Vrrpd.StateMachine;
using HaKube.Vrrpd.SyncGroups;
using HaKube.Vrrpd.Tracking;
using Microsoft.Extensions.Logging;

namespace HaKube.Vrrpd.Daemon;

/// <summary>
/// `vrrpd -f PATH`: loads the configuration, takes the run directory, clears stale addresses, runs one
/// <see cref="VrrpInstance"/> per vrrp_instance, serves the admin socket and metrics, reloads on SIGHUP and on
/// SIGTERM / SIGINT resigns every instance (priority 0, addresses removed) before exiting 0. Runs in the
/// foreground; never forks.
/// </summary>
internal sealed partial class VrrpDaemon
{
    private readonly DaemonRunOptions _run;
    private readonly ILoggerFactory _loggers;
    private readonly ILogger _logger;
    private readonly SystemdNotifier _notifier;
    private static readonly TimeSpan NotifyDrainBound = TimeSpan.FromSeconds(10);
    private readonly IScriptRunner _scripts = new ScriptRunner();
    private NotifyRunner? _notify;
    private TrackerServices? _trackerServices;
    private readonly DateTimeOffset _startedAt;
    private Dictionary<string, RunningInstance> _instances = new(StringComparer.Ordinal);
    private VrrpInstance[] _instanceList = [];
    private VrrpdOptions _options = new();
    private InstanceContext? _context;
    private volatile bool _maintenance;

    // Serializes building and sending the STATUS line: instances change state on their own loops, and the line sent
    // last must be built after every change before it.
    private readonly Lock _statusLock = new();

    public VrrpDaemon(DaemonRunOptions run, ILoggerFactory loggers, SystemdNotifier? notifier = null)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(loggers);
        _run = run;
        _loggers = loggers;
        _logger = loggers.CreateLogger("vrrpd");
        _notifier = notifier ?? new SystemdNotifier();
        _startedAt = run.Time.GetUtcNow();
    }

    /// <summary>Runs until SIGTERM / SIGINT; returns the exit code.</summary>
    public async Task<int> RunAsync()
    {
        using var signals = new DaemonSignals();
        using var rtnl = RtnetlinkClient.Open();
        var hostAddresses = await rtnl.GetAddressesAsync();
        var loaded = ConfigLoader.Load(_run.ConfigPath, HostAddressSet(hostAddresses));
        ReportDiagnostics(loaded.Diagnostics);
        if (loaded.Options is not { } options)
        {
            Log.ConfigRejected(_logger, _run.ConfigPath);
            return ExitCodes.ConfigError;
        }

        _options = options;
        SetSyncGroups(options);
        var runPath = _run.RunDirectory ?? options.Global.RunDirectory;
        RunDirectory runDirectory;
        try
        {
            runDirectory = RunDirectory.Acquire(runPath, "vrrpd");
        }
        catch (DaemonStartupException e)
        {
            Log.StartupFailed(_logger, e.Message);
            return ExitCodes.StartupError;
        }

        using (runDirectory)
        {
            using var record = new AddressRecord(runDirectory.GetPath(AddressRecord.FileName));
            using var resignations = new ResignRecord(runDirectory.GetPath(ResignRecord.FileName), Environment.ProcessId);
            await using var monitor = NetlinkMonitor.Open();
            using var pidfds = new PidfdWatcher();
            await using var notify = new NotifyRunner(_scripts, options.Global, _loggers.CreateLogger("vrrpd.notify"));
            _notify = notify;
            _trackerServices = new TrackerServices(_scripts, new NetlinkLinkStateSource(monitor, rtnl), pidfds, _run.Time, _loggers);
            _context = new InstanceContext
            {
                Time = _run.Time,
                Rtnetlink = rtnl,
                Record = record,
                Resignations = resignations,
                Logger = _loggers.CreateLogger("vrrpd.instance"),
                OwnFaultChanged = OnOwnFaultChanged,
                OwnPriorityChanged = OnOwnPriorityChanged,
                StateChanged = OnInstanceStateChanged,
            };

            try
            {
                await RemoveStaleAddressesAsync(rtnl, record, options);
                await DiscardStaleResignationsAsync(resignations);
                await StartInstancesAsync(options);
                await ServeUntilStoppedAsync(runDirectory, signals, monitor, options);
            }
            catch (Exception e) when (e is InstanceSetupException or PlatformException or DaemonStartupException)
            {
                Log.StartupFailed(_logger, e.Message);
                return ExitCodes.StartupError;
            }
            finally
            {
                // Whatever ended the run, no instance may leave a VIP behind.
                await StopAllAsync();
                // notify_stop and any notify still queued get a bounded chance to run before the process ends.
                using var bound = new CancellationTokenSource(NotifyDrainBound);
                await notify.WhenIdleAsync(bound.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }

        return ExitCodes.Success;
    }

    private async Task ServeUntilStoppedAsync(RunDirectory runDirectory, DaemonSignals signals, NetlinkMonitor monitor, VrrpdOptions options)
    {
        WireMonitor(monitor);
        monitor.Start();
        await using var admin = StartAdmin(runDirectory, signals);
        using var metrics = new VrrpdMetrics(() => Volatile.Read(ref _instanceList));
        await using var exporter = StartExporter(options.Global.MetricsListen);

        _notifier.Ready(Summary());
        Log.Started(_logger, _instanceList.Length, runDirectory.Path, Environment.ProcessId);
        using var watchdogStop = new CancellationTokenSource();
        var watchdog = SystemdWatchdog.FromEnvironment(_notifier, () => Volatile.Read(ref _instanceList).All(i => i.CheckAlive()), _run.Time, _logger);
        var watchdogTask = watchdog?.RunAsync(watchdogStop.Token) ?? Task.CompletedTask;

        await ServeAsync(signals);

        Log.Stopping(_logger, signals.StopReason ?? "stop");
        _notifier.Stopping("resigning: priority 0, addresses removed");
        await watchdogStop.CancelAsync();
        await watchdogTask;
        await StopAllAsync();
        Log.Stopped(_logger);
    }

    private async Task ServeAsync(DaemonSignals signals)
    {
        var stopping = signals.Stopping;
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                if (!await signals.Reloads.WaitToReadAsync(stopping))
                {
                    return;
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }

            while (signals.Reloads.TryRead(out var request))
            {
                await ReloadAsync(request.Source);
            }
        }
    }

    private async Task StartInstancesAsync(VrrpdOptions options)
    {
        var rtnl = _context!.Rtnetlink;
        var links = await rtnl.GetLinksAsync();
        var addresses = await rtnl.GetAddressesAsync();
        var started = new Dictionary<string, RunningInstance>(StringComparer.Ordinal);
        foreach (var instance in options.Instances)
        {
            started[instance.Name] = StartInstance(options, instance, links, addresses);
            SetInstances(started);
        }
    }

    private RunningInstance StartInstance(VrrpdOptions options, VrrpInstanceOptions instance, IReadOnlyList<LinkInfo> links, IReadOnlyList<InterfaceAddress> addresses)
    {
        var settings = InstanceSettingsFactory.Create(instance, options.Global, links, addresses);
        var trackers = InstanceTrackers.Create(options, instance, _trackerServices!);

        var running = VrrpInstance.Start(settings, _context!, links, trackers, _maintenance);
        JoinSyncGroup(running);

        Log.InstanceStarted(_logger, instance.Name, settings.InterfaceName, instance.VirtualRouterId, settings.SourceAddress, settings.Peers.IsEmpty ? "multicast" : "unicast");
        return new RunningInstance(running, InstanceFingerprint.Of(options, instance));
    }

    /// <summary>
    /// Runs the instance's notify scripts for a state change (queued per instance; never blocks the loop), then tells
    /// its sync group. Every member's own notifies run on its own transitions, forced ones included, as Keepalived's do.
    /// </summary>
    private void OnInstanceStateChanged(InstanceStateChange change)
    {
        // systemctl status shows every instance's state as it is now, not as it was at start-up.
        SendStatus();

        RunInstanceNotifies(change);
        StepSyncGroup(change.Instance, SyncGroupEvent.Changed(change.Instance, change.From, change.To, change.Reason));
    }

    private void RunInstanceNotifies(InstanceStateChange change)
    {
        if (_notify is null || _options?.Instances.FirstOrDefault(i => i.Name == change.Instance) is not { } instance)
        {
            return;
        }

        NotifyState? state = change.To switch
        {
            VrrpState.Master => NotifyState.Master,
            VrrpState.Backup => NotifyState.Backup,
            VrrpState.Fault => NotifyState.Fault,
            VrrpState.Initialize when change.From != VrrpState.Initialize => NotifyState.Stop,
            _ => null,
        };
        if (state is { } s)
        {
            _notify.InstanceChanged(change.Instance, instance.Notify, s, change.Priority);
        }
    }

    private async Task StopAllAsync()
    {
        var all = _instances.Values.Select(r => r.Instance).ToList();
        await Task.WhenAll(all.Select(i => i.DisposeAsync().AsTask()));
        SetInstances(new Dictionary<string, RunningInstance>(StringComparer.Ordinal));
    }

    private void SetInstances(Dictionary<string, RunningInstance> instances)
    {
        _instances = instances;
        Volatile.Write(ref _instanceList, [.. instances.Values.Select(r => r.Instance)]);
    }

    /// <summary>Before any instance runs (none is master): stale copies of our addresses go.</summary>
    private async Task RemoveStaleAddressesAsync(RtnetlinkClient rtnl, AddressRecord record, VrrpdOptions options)
    {
        var links = await rtnl.GetLinksAsync();
        var current = await rtnl.GetAddressesAsync();
        List<InterfaceAddress> Configured(IEnumerable<VrrpInstanceOptions> instances) => [.. instances
            .SelectMany(i => i.VirtualAddresses.Concat(i.VirtualAddressesExcluded).Select(v => (Vip: v, Device: v.Device ?? i.Interface)))
            .Select(x => links.FirstOrDefault(l => l.Name == x.Device) is { } link ? new InterfaceAddress(link.Index, x.Vip.Address, x.Vip.EffectivePrefixLength) : null)
            .OfType<InterfaceAddress>()];
        var configured = Configured(options.Instances);
        var recorded = AddressRecord.ReadContents(record.Path);
        var kept = new List<RecordedAddress>();
        async Task<bool> RemoveAsync(InterfaceAddress address, Action<ILogger, InterfaceAddress> removed)
        {
            try
            {
                await rtnl.DeleteAddressAsync(address);
                removed(_logger, address);
                return true;
            }
            catch (PlatformException e)
            {
                Log.StaleAddressNotRemoved(_logger, address, e);
                return false;
            }
        }

        foreach (var stale in AddressCleanup.AtStartup(recorded.Entries, configured, current, recorded.TagDropped))
        {
            if (!await RemoveAsync(stale, Log.StaleAddressRemoved))
            {
                kept.Add(RecordedAddress.From(stale));
            }
        }

        // Copies of our VIPs someone else left (Keepalived killed mid-migration, a hand-made one): a backup must not hold
        // them either. Not recorded when they resist: this daemon did not add them, so --release is not theirs to undo.
        // Never the node's own source address, whatever the file lists as a VIP (a mistake there must not cut the node off).
        var sources = options.Instances.Select(i => i.UnicastSrcIp).OfType<IPAddress>().ToList();
        var notOwned = Configured(options.Instances.Where(i => i.Priority != 255));
        foreach (var foreign in AddressCleanup.ForeignCopiesAtStartup(recorded.Entries, notOwned, current, recorded.TagDropped).Where(a => !sources.Contains(a.Address)))
        {
            await RemoveAsync(foreign, Log.ForeignCopyRemoved);
        }

        await record.ResetAsync(kept, recorded.TagDropped);
    }

    /// <summary>
    /// Before any instance runs: a resign record left by an earlier run (killed, and no --release after it) speaks for a
    /// mastership that is over; it goes unsent.
    /// </summary>
    private async Task DiscardStaleResignationsAsync(ResignRecord resignations)
    {
        try
        {
            if (await resignations.ClearAsync() is { } left)
            {
                Log.StaleResignRecordDiscarded(_logger, resignations.Path, left.Pid);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DaemonStartupException($"cannot clear the resign record {resignations.Path}: {e.Message}", e);
        }
    }

    private void WireMonitor(NetlinkMonitor monitor)
    {
        monitor.AddressChanged += (_, change) =>
        {
            if (!change.Added)
            {
                foreach (var instance in Volatile.Read(ref _instanceList))
                {
                    instance.Post(InstanceEvent.AddressRemoved(change.Address));
                }
            }
        };
        monitor.LinkChanged += (_, link) =>
        {
            foreach (var instance in Volatile.Read(ref _instanceList))
            {
                instance.Post(InstanceEvent.LinkChanged(link));
            }
        };
        monitor.LinkRemoved += (_, link) =>
        {
            var gone = link with { Flags = 0 };
            foreach (var instance in Volatile.Read(ref _instanceList))
            {
                instance.Post(InstanceEvent.LinkChanged(gone));
            }
        };
        monitor.Overrun += (_, _) =>
        {
            Log.MonitorOverrun(_logger);
            foreach (var instance in Volatile.Read(ref _instanceList))
            {
                instance.Post(InstanceEvent.Resync);
            }
        };
        monitor.HandlerFailed += (_, e) => Log.MonitorHandlerFailed(_logger, e);
    }

    private PrometheusExporter? StartExporter(string? listen)
    {
        if (string.IsNullOrEmpty(listen))
        {
            return null;
        }

        if (!IPEndPoint.TryParse(listen, out var endpoint))
        {
            Log.MetricsNotServed(_logger, listen, "not an ADDRESS:PORT");
            return null;
        }

        var exporter = new PrometheusExporter(
            new PrometheusExporterOptions { Endpoint = endpoint, MeterNames = [VrrpdMetrics.MeterName] },
            _loggers.CreateLogger("vrrpd.metrics"));
        try
        {
            exporter.Start();
            return exporter;
        }
        catch (DaemonStartupException e)
        {
            // Metrics are not worth losing the VIP over: the daemon runs on and says so.
            Log.MetricsNotServed(_logger, listen, e.Message);
            exporter.DisposeAsync().AsTask().GetAwaiter().GetResult();
            return null;
        }
    }

    private void ReportDiagnostics(IEnumerable<Diagnostic> diagnostics)
    {
        foreach (var d in diagnostics)
        {
            if (d.Severity == Severity.Error)
            {
                Log.ConfigError(_logger, d.ToString());
            }
            else
            {
                Log.ConfigWarning(_logger, d.ToString());
            }
        }
    }

    /// <summary>The STATUS line: "maintenance on; " while in maintenance, then "name: State" per instance.</summary>
    private string Summary()
        => (_maintenance ? "maintenance on; " : "")
            + string.Join(", ", Volatile.Read(ref _instanceList).Select(i => string.Create(CultureInfo.InvariantCulture, $"{i.Name}: {i.State}")));

    private void SendStatus()
    {
        lock (_statusLock)
        {
            _notifier.Status(Summary());
        }
    }

    private static HashSet<IPAddress> HostAddressSet(IEnumerable<InterfaceAddress> addresses) =>
        [.. addresses.Where(a => !a.IsOurs).Select(a => a.Address)];
}
