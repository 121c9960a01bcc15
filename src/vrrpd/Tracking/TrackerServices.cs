using HaKube.Vrrpd.Configuration;
using HaKube.Vrrpd.Platform;
using Microsoft.Extensions.Logging;

namespace HaKube.Vrrpd.Tracking;

/// <summary>
/// What <see cref="TrackerFactory"/> builds trackers on: the daemon passes its real adapters (one of each for
/// the whole daemon), tests pass fakes.
/// </summary>
/// <param name="ScriptRunner">Runs track scripts (<see cref="Tracking.ScriptRunner"/>).</param>
/// <param name="Links">Link events and reads (<see cref="NetlinkLinkStateSource"/> over the daemon's monitor and client).</param>
/// <param name="Pidfds">The daemon's pidfd watcher, for process trackers.</param>
/// <param name="Time">The clock of intervals, delays and back-offs.</param>
/// <param name="LoggerFactory">Where trackers log.</param>
internal sealed record TrackerServices(
    IScriptRunner ScriptRunner,
    ILinkStateSource Links,
    PidfdWatcher Pidfds,
    TimeProvider Time,
    ILoggerFactory LoggerFactory)
{
    /// <summary>How often a process tracker by name looks for newly started processes (exits are seen at once).</summary>
    public TimeSpan ProcessRescanInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Count only processes in the daemon's own network namespace (see <see cref="ProcessNameSource"/>).</summary>
    public bool ProcessesInOwnNetworkNamespaceOnly { get; init; } = true;

    /// <summary>The running track scripts, shared by every instance that references one (one run per interval).</summary>
    public ScriptProbePool ScriptProbes { get; init; } = new();

    /// <summary>Replaces how process trackers find their processes (tests); null: pidfile or /proc scan.</summary>
    public Func<TrackProcessOptions, IProcessSource>? ProcessSources { get; init; }
}
