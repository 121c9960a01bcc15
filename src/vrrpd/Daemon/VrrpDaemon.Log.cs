using System.Net;
using HaKube.Vrrpd.Platform;
using HaKube.Vrrpd.StateMachine;
using Microsoft.Extensions.Logging;

namespace HaKube.Vrrpd.Daemon;

internal sealed partial class VrrpDaemon
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 200, Level = LogLevel.Error, Message = "{Diagnostic}")]
        public static partial void ConfigError(ILogger logger, string diagnostic);

        [LoggerMessage(EventId = 201, Level = LogLevel.Warning, Message = "{Diagnostic}")]
        public static partial void ConfigWarning(ILogger logger, string diagnostic);

        [LoggerMessage(EventId = 202, Level = LogLevel.Critical, Message = "{Path} has errors (listed above); not starting. Check it with: vrrpd --check -f {Path}")]
        public static partial void ConfigRejected(ILogger logger, string path);

        [LoggerMessage(EventId = 203, Level = LogLevel.Critical, Message = "cannot start: {Reason}")]
        public static partial void StartupFailed(ILogger logger, string reason);

        [LoggerMessage(EventId = 204, Level = LogLevel.Information, Message = "vrrpd started: {Count} instance(s), run directory {RunDirectory}, pid {Pid}")]
        public static partial void Started(ILogger logger, int count, string runDirectory, int pid);

        [LoggerMessage(EventId = 205, Level = LogLevel.Information, Message = "{Instance}: started on {Interface}, VRID {Vrid}, source {Source}, {Mode}")]
        public static partial void InstanceStarted(ILogger logger, string instance, string @interface, int vrid, IPAddress source, string mode);

        [LoggerMessage(EventId = 207, Level = LogLevel.Warning, Message = "sync group {Group}: member {Instance} fault {Faulted}: the other members follow")]
        public static partial void SyncGroupFault(ILogger logger, string group, string instance, bool faulted);

        [LoggerMessage(EventId = 240, Level = LogLevel.Information, Message = "sync group {Group}: {From} -> {To} ({Instance})")]
        public static partial void SyncGroupChanged(ILogger logger, string group, VrrpState from, VrrpState to, string instance);

        [LoggerMessage(EventId = 241, Level = LogLevel.Information, Message = "sync group {Group}: {Instance} follows the group to {State}")]
        public static partial void SyncGroupForcing(ILogger logger, string group, string instance, VrrpState state);

        [LoggerMessage(EventId = 208, Level = LogLevel.Information, Message = "removed stale {Address} left by an earlier run")]
        public static partial void StaleAddressRemoved(ILogger logger, InterfaceAddress address);

        [LoggerMessage(EventId = 242, Level = LogLevel.Warning, Message = "removed {Address}, a copy of a configured VIP that vrrpd did not add (another VRRP daemon's or a hand-made one): a backup never holds its VIP")]
        public static partial void ForeignCopyRemoved(ILogger logger, InterfaceAddress address);

        [LoggerMessage(EventId = 209, Level = LogLevel.Error, Message = "cannot remove stale {Address}")]
        public static partial void StaleAddressNotRemoved(ILogger logger, InterfaceAddress address, Exception exception);

        [LoggerMessage(EventId = 215, Level = LogLevel.Information, Message = "discarded the resign record {Path} left by an earlier run (pid {Pid}): its mastership is over")]
        public static partial void StaleResignRecordDiscarded(ILogger logger, string path, int? pid);

        [LoggerMessage(EventId = 210, Level = LogLevel.Information, Message = "stopping ({Reason}): resigning every instance")]
        public static partial void Stopping(ILogger logger, string reason);

        [LoggerMessage(EventId = 211, Level = LogLevel.Information, Message = "stopped")]
        public static partial void Stopped(ILogger logger);

        [LoggerMessage(EventId = 212, Level = LogLevel.Error, Message = "metrics not served on {Listen}: {Reason}")]
        public static partial void MetricsNotServed(ILogger logger, string listen, string reason);

        [LoggerMessage(EventId = 213, Level = LogLevel.Warning, Message = "netlink monitor overrun: re-reading links and addresses")]
        public static partial void MonitorOverrun(ILogger logger);

        [LoggerMessage(EventId = 214, Level = LogLevel.Error, Message = "netlink event handler failed")]
        public static partial void MonitorHandlerFailed(ILogger logger, Exception exception);

        [LoggerMessage(EventId = 220, Level = LogLevel.Information, Message = "reloading {Path} ({Source})")]
        public static partial void Reloading(ILogger logger, string path, string source);

        [LoggerMessage(EventId = 221, Level = LogLevel.Error, Message = "reload of {Path} rejected (errors above); the previous configuration keeps running")]
        public static partial void ReloadRejected(ILogger logger, string path);

        [LoggerMessage(EventId = 222, Level = LogLevel.Information, Message = "reloaded: {Kept} instance(s) unchanged, {Started} started, {Stopped} stopped")]
        public static partial void Reloaded(ILogger logger, int kept, int started, int stopped);

        [LoggerMessage(EventId = 223, Level = LogLevel.Information, Message = "{Instance}: stopping for the reload")]
        public static partial void InstanceStopping(ILogger logger, string instance);

        [LoggerMessage(EventId = 224, Level = LogLevel.Error, Message = "{Instance}: not started: {Reason}")]
        public static partial void InstanceNotStarted(ILogger logger, string instance, string reason);

        [LoggerMessage(EventId = 230, Level = LogLevel.Information, Message = "maintenance {On}")]
        public static partial void MaintenanceSwitched(ILogger logger, bool on);
    }
}
