using HaKube.Vrrpd.Configuration;

namespace HaKube.Vrrpd.Daemon;

/// <summary>
/// When an instance sends its gratuitous ARPs / unsolicited NAs while master: a burst of garp_master_repeat rounds on
/// becoming master (spaced by vrrp_garp_interval / vrrp_gna_interval), a second burst garp_master_delay later
/// (neighbours that missed the first), and a refresh every garp_master_refresh. Timers post their fire through
/// <c>post</c> (to the instance's loop), which hands it back to <see cref="OnTimer"/>; everything else runs on that loop.
/// </summary>
internal sealed class GarpSchedule
{
    private readonly GarpOptions _options;
    private readonly TimeSpan _spacing;
    private readonly TimeProvider _time;
    private readonly Action _sendRound;
    private readonly Action<InstanceEventKind, int> _post;
    private int _generation;
    private int _roundsLeft;
    private bool _roundPending;
    private ITimer? _roundTimer;
    private ITimer? _secondTimer;
    private ITimer? _refreshTimer;

    /// <param name="options">The instance's garp settings.</param>
    /// <param name="spacing">Time between two rounds of a burst; zero sends a burst at once.</param>
    /// <param name="time">The clock the timers run on.</param>
    /// <param name="sendRound">Sends one gratuitous ARP / unsolicited NA for every virtual address.</param>
    /// <param name="post">Carries a timer fire (kind, generation) to the loop that calls <see cref="OnTimer"/>.</param>
    public GarpSchedule(GarpOptions options, TimeSpan spacing, TimeProvider time, Action sendRound, Action<InstanceEventKind, int> post)
    {
        _options = options;
        _spacing = spacing;
        _time = time;
        _sendRound = sendRound;
        _post = post;
    }

    /// <summary>Arms the second burst and the refresh; the first burst comes from the state machine's SendGratuitousArps.</summary>
    public void OnBecameMaster()
    {
        // No new generation here: the first burst's spaced rounds were armed a moment ago, in this mastership.
        if (_options.MasterDelay > 0)
        {
            _secondTimer?.Dispose();
            _secondTimer = Arm(InstanceEventKind.GarpSecondBurst, TimeSpan.FromSeconds(_options.MasterDelay), periodic: false);
        }

        if (_options.MasterRefresh > 0)
        {
            _refreshTimer?.Dispose();
            _refreshTimer = Arm(InstanceEventKind.GarpRefresh, TimeSpan.FromSeconds(_options.MasterRefresh), periodic: true);
        }
    }

    /// <summary>A burst of garp_master_repeat rounds (on becoming master, or when a master hears a lower priority).</summary>
    public void StartBurst() => StartBurst(_options.MasterRepeat);

    /// <summary>A timer armed by this schedule fired; the caller has checked the instance is still master.</summary>
    public void OnTimer(InstanceEventKind kind, int generation)
    {
        if (generation != _generation)
        {
            return;
        }

        switch (kind)
        {
            case InstanceEventKind.GarpRound:
                _roundPending = false;
                SendPendingRounds();
                break;
            case InstanceEventKind.GarpSecondBurst:
                StartBurst(_options.MasterRepeat);
                break;
            case InstanceEventKind.GarpRefresh:
                StartBurst(_options.MasterRefreshRepeat);
                break;
        }
    }

    /// <summary>Leaving master (or stopping): nothing more is sent, and fires already queued are stale.</summary>
    public void Cancel()
    {
        _generation++;
        _roundsLeft = 0;
        _roundPending = false;
        _roundTimer?.Dispose();
        _secondTimer?.Dispose();
        _refreshTimer?.Dispose();
        _roundTimer = _secondTimer = _refreshTimer = null;
    }

    private void StartBurst(int rounds)
    {
        _roundsLeft = Math.Max(_roundsLeft, rounds);
        // A spaced burst under way keeps its spacing: its next round comes when its timer fires.
        if (!_roundPending)
        {
            SendPendingRounds();
        }
    }

    private void SendPendingRounds()
    {
        while (_roundsLeft > 0)
        {
            _sendRound();
            _roundsLeft--;
            if (_roundsLeft > 0 && _spacing > TimeSpan.Zero)
            {
                _roundTimer?.Dispose();
                _roundTimer = Arm(InstanceEventKind.GarpRound, _spacing, periodic: false);
                _roundPending = true;
                return;
            }
        }
    }

    private ITimer Arm(InstanceEventKind kind, TimeSpan delay, bool periodic) =>
        _time.CreateTimer(static s => ((Fire)s!).Post(), new Fire(this, kind, _generation), delay, periodic ? delay : Timeout.InfiniteTimeSpan);

    private sealed class Fire(GarpSchedule schedule, InstanceEventKind kind, int generation)
    {
        public void Post() => schedule._post(kind, generation);
    }
}
