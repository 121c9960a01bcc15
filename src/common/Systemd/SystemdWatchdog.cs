using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace HaKube.Common.Systemd;

/// <summary>
/// Sends WATCHDOG=1 at half of WatchdogSec while the daemon reports itself healthy, so systemd restarts a daemon
/// whose main loop hangs (sd_watchdog_enabled(3)).
/// </summary>
public sealed partial class SystemdWatchdog
{
    private readonly SystemdNotifier _notifier;
    private readonly Func<bool> _isHealthy;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    /// <summary>Pings through <paramref name="notifier"/> every <paramref name="interval"/>/2 while <paramref name="isHealthy"/> holds.</summary>
    public SystemdWatchdog(SystemdNotifier notifier, TimeSpan interval, Func<bool> isHealthy, TimeProvider? timeProvider = null, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(notifier);
        ArgumentNullException.ThrowIfNull(isHealthy);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
        _notifier = notifier;
        _isHealthy = isHealthy;
        Interval = interval;
        _time = timeProvider ?? TimeProvider.System;
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>The watchdog timeout systemd enforces (WatchdogSec).</summary>
    public TimeSpan Interval { get; }

    /// <summary>How often a ping is due: half the timeout, as sd_watchdog_enabled(3) recommends.</summary>
    public TimeSpan PingInterval => Interval / 2;

    /// <summary>A watchdog for this process from $WATCHDOG_USEC/$WATCHDOG_PID, or null when systemd asked for none.</summary>
    public static SystemdWatchdog? FromEnvironment(SystemdNotifier notifier, Func<bool> isHealthy, TimeProvider? timeProvider = null, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(notifier);
        var interval = ParseInterval(
            Environment.GetEnvironmentVariable("WATCHDOG_USEC"),
            Environment.GetEnvironmentVariable("WATCHDOG_PID"),
            Environment.ProcessId);
        return interval is { } i && notifier.IsEnabled ? new SystemdWatchdog(notifier, i, isHealthy, timeProvider, logger) : null;
    }

    /// <summary>
    /// WatchdogSec from the environment: null when unset, malformed or zero, or when $WATCHDOG_PID names another
    /// process (the variables were inherited from a parent the watchdog is meant for).
    /// </summary>
    internal static TimeSpan? ParseInterval(string? watchdogUsec, string? watchdogPid, int ownPid)
    {
        if (!ulong.TryParse(watchdogUsec, NumberStyles.None, CultureInfo.InvariantCulture, out var usec) || usec == 0)
        {
            return null;
        }

        if (!string.IsNullOrEmpty(watchdogPid)
            && (!int.TryParse(watchdogPid, NumberStyles.None, CultureInfo.InvariantCulture, out var pid) || pid != ownPid))
        {
            return null;
        }

        return TimeSpan.FromMicroseconds(Math.Min(usec, (ulong)TimeSpan.MaxValue.TotalMicroseconds));
    }

    /// <summary>Pings at once, then every <see cref="PingInterval"/> until cancelled; a missed health check skips the ping.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        Log.WatchdogStarted(_logger, Interval.TotalSeconds);
        using var timer = new PeriodicTimer(PingInterval, _time);
        var healthy = true;
        do
        {
            var now = Check();
            if (now && !healthy)
            {
                Log.HealthRestored(_logger);
            }
            else if (!now && healthy)
            {
                Log.PingsWithheld(_logger, Interval.TotalSeconds);
            }

            healthy = now;
            if (healthy && !_notifier.TrySend("WATCHDOG=1", null, out var error) && error is not null)
            {
                Log.PingFailed(_logger, error);
            }
        }
        while (await WaitAsync(timer, cancellationToken));
    }

    private bool Check()
    {
        try
        {
            return _isHealthy();
        }
        catch (Exception e)
        {
            // A health probe that throws is as unhealthy as one that says so; the log keeps the cause.
            Log.HealthCheckThrew(_logger, e);
            return false;
        }
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken cancellationToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 101, Level = LogLevel.Debug, Message = "systemd watchdog armed: timeout {TimeoutSeconds} s, pinging at half of it")]
        public static partial void WatchdogStarted(ILogger logger, double timeoutSeconds);

        [LoggerMessage(EventId = 102, Level = LogLevel.Error, Message = "main loop unhealthy: withholding watchdog pings, systemd restarts the daemon after {TimeoutSeconds} s unless it recovers")]
        public static partial void PingsWithheld(ILogger logger, double timeoutSeconds);

        [LoggerMessage(EventId = 103, Level = LogLevel.Information, Message = "main loop healthy again: watchdog pings resumed")]
        public static partial void HealthRestored(ILogger logger);

        [LoggerMessage(EventId = 104, Level = LogLevel.Warning, Message = "watchdog ping to systemd failed")]
        public static partial void PingFailed(ILogger logger, Exception exception);

        [LoggerMessage(EventId = 105, Level = LogLevel.Error, Message = "watchdog health check threw; counted as unhealthy")]
        public static partial void HealthCheckThrew(ILogger logger, Exception exception);
    }
}
