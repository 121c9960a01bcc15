using System.Threading.Channels;
using HaKube.Vrrpd.Platform;
using HaKube.Vrrpd.Protocol;
using HaKube.Vrrpd.StateMachine;
using HaKube.Vrrpd.Tracking;
using Microsoft.Extensions.Logging;

namespace HaKube.Vrrpd.Daemon;

/// <summary>
/// One VRRP instance at run time: a single loop reads its channel (accepted adverts, timer fires, tracker and
/// netlink changes, operator commands), steps the pure <see cref="VrrpStateMachine"/> and performs the actions in
/// order. Nothing else touches the protocol state, so it needs no lock. A receive task checks packets off the loop
/// and posts only the accepted ones.
/// </summary>
internal sealed partial class VrrpInstance : IAsyncDisposable
{
    private const int ReceiveBufferSize = 9216;

    private readonly Channel<InstanceEvent> _events = Channel.CreateUnbounded<InstanceEvent>(new UnboundedChannelOptions { SingleReader = true });
    private readonly InstanceContext _context;
    private readonly LoopHeartbeat _heartbeat = new();
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly VrrpSocket _socket;
    private readonly IReadOnlyDictionary<int, NeighbourAnnouncer> _announcers;
    private readonly IReadOnlyList<ITracker> _trackers;
    private readonly Dictionary<string, TrackerStatus> _trackerStatus = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _receiveStop = new();
    private VrrpInstanceState _state;
    private bool _linkUsable;
    private Task? _loop;
    private Task? _receive;

    /// <summary>The sender whose adverts last carried another address list (logged once); owned by the receive loop.</summary>
    private VrrpAddress? _addressListDiffersFrom;
    private int _published;

    private VrrpInstance(InstanceSettings settings, InstanceContext context, VrrpSocket socket, IReadOnlyDictionary<int, NeighbourAnnouncer> announcers,
        IReadOnlyList<ITracker> trackers, bool linkUsable)
    {
        Settings = settings;
        _context = context;
        _time = context.Time;
        _logger = context.Logger;
        _socket = socket;
        _announcers = announcers;
        _trackers = trackers;
        _linkUsable = linkUsable;
        _state = VrrpInstanceState.Initial(settings.Machine);
        _sendBuffer = new byte[settings.Writer.Length];
        _peerDestinations = [.. settings.Peers.Select(p => PacketAddress.FromIPAddress(p.ToIPAddress()))];
        foreach (var tracker in trackers)
        {
            _trackerStatus[tracker.Name] = tracker.Status;
        }
    }

    public InstanceSettings Settings { get; }

    public string Name => Settings.Name;

    /// <summary>Receive counters by drop reason; thread-safe.</summary>
    public VrrpReceiveCounters Counters { get; } = new();

    /// <summary>The state after the last step (for metrics; any thread).</summary>
    public VrrpState State => (VrrpState)(Volatile.Read(ref _published) & 0xFF);

    /// <summary>The advertised priority after the last step (for metrics; any thread).</summary>
    public int EffectivePriority => (Volatile.Read(ref _published) >> 8) & 0xFF;

    /// <summary>Adverts sent (any thread).</summary>
    public long AdvertsSent => Interlocked.Read(ref _advertsSent);

    /// <summary>State changes so far (any thread).</summary>
    public long Transitions => Interlocked.Read(ref _transitions);

    /// <summary>
    /// For the systemd watchdog: true when the loop served the heartbeat the previous call posted, so a loop that hangs
    /// or ended fails it (<see cref="LoopHeartbeat"/>). Any thread.
    /// </summary>
    public bool CheckAlive() => _heartbeat.CheckAndPost(() => Post(InstanceEvent.Heartbeat));

    /// <summary>
    /// Opens the instance's socket and announcers in the calling process's network namespace, starts its trackers,
    /// loop and receive task, and posts Startup (in maintenance when <paramref name="maintenance"/>).
    /// </summary>
    public static VrrpInstance Start(InstanceSettings settings, InstanceContext context, IReadOnlyList<LinkInfo> links, IReadOnlyList<ITracker> trackers, bool maintenance)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(links);
        ArgumentNullException.ThrowIfNull(trackers);
        var socket = VrrpSocket.Open(new VrrpSocketOptions(settings.InterfaceName, settings.InterfaceIndex, settings.SourceAddress, settings.Peers.IsEmpty));
        var announcers = new Dictionary<int, NeighbourAnnouncer>();
        try
        {
            foreach (var index in settings.VirtualAddresses.Select(a => a.InterfaceIndex).Distinct())
            {
                var link = links.First(l => l.Index == index);
                announcers[index] = NeighbourAnnouncer.Open(link);
            }
        }
        catch
        {
            socket.Dispose();
            foreach (var announcer in announcers.Values)
            {
                announcer.Dispose();
            }

            throw;
        }

        var linkUsable = links.FirstOrDefault(l => l.Index == settings.InterfaceIndex)?.IsUsable ?? false;
        var instance = new VrrpInstance(settings, context, socket, announcers, trackers, linkUsable);
        instance.Begin(maintenance);
        return instance;
    }

    /// <summary>Queues an event for the loop; false once the loop has ended.</summary>
    public bool Post(in InstanceEvent e) => _events.Writer.TryWrite(e);

    /// <summary>Switches maintenance on or off and waits until the loop has acted on it.</summary>
    public Task SetMaintenanceAsync(bool on)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        return Post(InstanceEvent.Maintenance(on, done)) ? done.Task : Task.CompletedTask;
    }

    /// <summary>Asks the loop for a status snapshot.</summary>
    public Task<Admin.InstanceStatus> GetStatusAsync()
    {
        var reply = new TaskCompletionSource<Admin.InstanceStatus>(TaskCreationOptions.RunContinuationsAsynchronously);
        return Post(InstanceEvent.Status(reply)) ? reply.Task : Task.FromException<Admin.InstanceStatus>(new ObjectDisposedException(Name));
    }

    /// <summary>Resigns (priority 0 when master), removes the addresses, and ends the loop.</summary>
    public async Task StopAsync()
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (Post(InstanceEvent.Stop(done)))
        {
            await done.Task;
        }

        if (_loop is not null)
        {
            await _loop;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        await _receiveStop.CancelAsync();
        if (_receive is not null)
        {
            await _receive.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        foreach (var tracker in _trackers)
        {
            await tracker.DisposeAsync();
        }

        CancelMachineTimers();
        CancelGarpTimers();
        _socket.Dispose();
        foreach (var announcer in _announcers.Values)
        {
            announcer.Dispose();
        }

        _receiveStop.Dispose();
    }

    private void Begin(bool maintenance)
    {
        var health = Health();
        _state = _state with { Priority = health.Priority, Faulted = health.Faulted, Maintenance = maintenance };
        Publish();
        if (health.Faulted)
        {
            Log.Faulted(_logger, Name, health.Describe());
        }

        ReportOwnHealth(health);

        _loop = Task.Run(RunAsync);
        _receive = Task.Run(() => ReceiveLoopAsync(_receiveStop.Token));
        foreach (var tracker in _trackers)
        {
            tracker.Start(status => Post(InstanceEvent.TrackerChanged(status)));
        }

        Post(InstanceEvent.ForMachine(VrrpEvent.Startup));
    }

    private async Task RunAsync()
    {
        var reader = _events.Reader;
        while (await reader.WaitToReadAsync())
        {
            while (reader.TryRead(out var e))
            {
                try
                {
                    await HandleAsync(e);
                }
#pragma warning disable CA1031 // The loop must survive a failed action; the failure is logged with its cause.
                catch (Exception ex)
#pragma warning restore CA1031
                {
                    Log.EventFailed(_logger, Name, e.Kind, ex);
                }

                if (e.Kind == InstanceEventKind.Stop)
                {
                    _events.Writer.TryComplete();
                    e.Done?.TrySetResult();
                    FailPending();
                    return;
                }
            }
        }
    }

    private void FailPending()
    {
        while (_events.Reader.TryRead(out var e))
        {
            e.Done?.TrySetResult();
            e.StatusReply?.TrySetException(new ObjectDisposedException(Name));
        }
    }

    private async Task HandleAsync(InstanceEvent e)
    {
        switch (e.Kind)
        {
            case InstanceEventKind.Machine:
                await StepAsync(e.Machine);
                if (e.Machine.Kind == VrrpEventKind.Startup)
                {
                    await TakeOverIfMasterHintAsync();
                }

                break;
            case InstanceEventKind.TrackerChanged:
                _trackerStatus[e.Tracker!.Name] = e.Tracker;
                Log.TrackerChanged(_logger, Name, e.Tracker.Name, e.Tracker.IsUp ? "up" : "down", e.Tracker.Weight, e.Tracker.Detail);
                await ApplyHealthAsync();
                break;
            case InstanceEventKind.LinkChanged:
                await OnLinkChangedAsync(e.Link!);
                break;
            case InstanceEventKind.AddressRemoved:
                await OnAddressRemovedAsync(e.Address!);
                break;
            case InstanceEventKind.Resync:
                await ResyncAsync();
                break;
            case InstanceEventKind.GarpRound or InstanceEventKind.GarpSecondBurst or InstanceEventKind.GarpRefresh:
                OnGarpTimer(e.Kind, e.Generation);
                break;
            case InstanceEventKind.Maintenance:
                await StepAsync(e.On ? VrrpEvent.MaintenanceOn : VrrpEvent.MaintenanceOff);
                Log.MaintenanceSwitched(_logger, Name, e.On, _state.State);
                e.Done?.TrySetResult();
                break;
            case InstanceEventKind.SyncGroupCeiling:
                await OnGroupCeilingAsync(e.Ceiling);
                break;
            case InstanceEventKind.SyncGroupFault:
                if (e.On ? _groupFaults.Add(e.Member!) : _groupFaults.Remove(e.Member!))
                {
                    await ApplyHealthAsync();
                }

                break;
            case InstanceEventKind.Status:
                e.StatusReply?.TrySetResult(BuildStatus());
                break;
            case InstanceEventKind.Heartbeat:
                _heartbeat.Serve();
                break;
            case InstanceEventKind.Stop:
                if (_ownFaulted)
                {
                    _ownFaulted = false;
                    _context.OwnFaultChanged?.Invoke(Name, false);
                }

                await StepAsync(VrrpEvent.Shutdown);
                await _receiveStop.CancelAsync();
                CancelMachineTimers();
                CancelGarpTimers();
                break;
        }
    }

    /// <summary>state MASTER: claim mastership at once instead of waiting Master_Down_Interval; the election still decides.</summary>
    private async Task TakeOverIfMasterHintAsync()
    {
        if (Settings.StartAsMaster && _state.State == VrrpState.Backup && !_state.Maintenance && _state.MasterDownDeadline is { } deadline)
        {
            await StepAsync(VrrpEvent.MasterDownTimerFired(deadline));
        }
    }

    private void Publish() => Volatile.Write(ref _published, (int)_state.State | (_state.Priority << 8));
}
