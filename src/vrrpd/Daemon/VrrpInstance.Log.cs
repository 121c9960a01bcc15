using System.Net.Sockets;
using HaKube.Vrrpd.Platform;
using HaKube.Vrrpd.Protocol;
using HaKube.Vrrpd.StateMachine;
using Microsoft.Extensions.Logging;

namespace HaKube.Vrrpd.Daemon;

internal sealed partial class VrrpInstance
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 300, Level = LogLevel.Information, Message = "{Instance}: {From} -> {To} ({Reason}), priority {Priority}")]
        public static partial void StateChanged(ILogger logger, string instance, VrrpState from, VrrpState to, VrrpTransitionReason reason, byte priority);

        [LoggerMessage(EventId = 301, Level = LogLevel.Warning, Message = "{Instance}: peer {Master} went silent: no advert for Master_Down_Interval ({Seconds:0.###} s); taking over")]
        public static partial void PeerSilent(ILogger logger, string instance, string master, double seconds);

        [LoggerMessage(EventId = 302, Level = LogLevel.Information, Message = "{Instance}: no master heard for Master_Down_Interval ({Seconds:0.###} s); taking over")]
        public static partial void NoMasterHeard(ILogger logger, string instance, double seconds);

        [LoggerMessage(EventId = 303, Level = LogLevel.Warning, Message = "{Instance}: advert to {Destination} refused: {Error} (logged once until it changes)")]
        public static partial void SendFailed(ILogger logger, string instance, object destination, SocketError error);

        [LoggerMessage(EventId = 304, Level = LogLevel.Information, Message = "{Instance}: adverts to {Destination} go out again")]
        public static partial void SendRecovered(ILogger logger, string instance, object destination);

        [LoggerMessage(EventId = 306, Level = LogLevel.Warning, Message = "{Instance}: adverts from {Source} carry {Theirs} where this instance has {Ours}: virtual_ipaddress differs between the nodes (accepted, as RFC 5798 7.1 allows; logged once until it changes)")]
        public static partial void AddressListDiffers(ILogger logger, string instance, VrrpAddress source, string theirs, string ours);

        [LoggerMessage(EventId = 307, Level = LogLevel.Information, Message = "{Instance}: adverts from {Source} carry this instance's addresses again")]
        public static partial void AddressListMatchesAgain(ILogger logger, string instance, VrrpAddress source);

        [LoggerMessage(EventId = 308, Level = LogLevel.Warning, Message = "{Instance}: heard peer {Peer} advertise as master at priority {Priority} while master at {Ours}: a split brain (a partition healed, or VRRP gets through one way only); answering and refreshing gratuitous ARPs (logged once per peer and mastership)")]
        public static partial void SplitBrain(ILogger logger, string instance, VrrpAddress peer, byte priority, byte ours);

        [LoggerMessage(EventId = 305, Level = LogLevel.Error, Message = "{Instance}: receiving adverts failed")]
        public static partial void ReceiveFailed(ILogger logger, string instance, Exception exception);

        [LoggerMessage(EventId = 310, Level = LogLevel.Information, Message = "{Instance}: added {Address}")]
        public static partial void AddressAdded(ILogger logger, string instance, InterfaceAddress address);

        [LoggerMessage(EventId = 311, Level = LogLevel.Information, Message = "{Instance}: removed {Address}")]
        public static partial void AddressRemoved(ILogger logger, string instance, InterfaceAddress address);

        [LoggerMessage(EventId = 312, Level = LogLevel.Error, Message = "{Instance}: cannot add {Address}")]
        public static partial void AddressAddFailed(ILogger logger, string instance, InterfaceAddress address, Exception exception);

        [LoggerMessage(EventId = 313, Level = LogLevel.Error, Message = "{Instance}: cannot remove {Address}; it stays in the record for --release")]
        public static partial void AddressRemoveFailed(ILogger logger, string instance, InterfaceAddress address, Exception exception);

        [LoggerMessage(EventId = 318, Level = LogLevel.Warning, Message = "{Instance}: the kernel keeps no IFA_PROTO tag on added addresses (Linux before 6.0); the address record says so, and vrrpd --release will trust the record alone")]
        public static partial void TagDropped(ILogger logger, string instance);

        [LoggerMessage(EventId = 319, Level = LogLevel.Warning, Message = "{Instance}: cannot read the addresses back to see whether the kernel keeps the IFA_PROTO tag; will try on the next mastership")]
        public static partial void TagNotChecked(ILogger logger, string instance, Exception exception);

        [LoggerMessage(EventId = 314, Level = LogLevel.Warning, Message = "{Instance}: {Address} was removed by someone else while master; adding it back")]
        public static partial void AddressRestored(ILogger logger, string instance, InterfaceAddress address);

        [LoggerMessage(EventId = 315, Level = LogLevel.Warning, Message = "{Instance}: gratuitous ARP / NA for {Address} refused: {Error}")]
        public static partial void GarpFailed(ILogger logger, string instance, InterfaceAddress address, SocketError error);

        [LoggerMessage(EventId = 316, Level = LogLevel.Warning, Message = "{Instance}: cannot write the resign record {Path}; should vrrpd be killed while master, --release sends no priority-0 advert for it and the backup waits Master_Down_Interval")]
        public static partial void ResignRecordNotWritten(ILogger logger, string instance, string path, Exception exception);

        [LoggerMessage(EventId = 317, Level = LogLevel.Error, Message = "{Instance}: cannot delete its entry from the resign record {Path}; should vrrpd be killed now, --release would resign a mastership that is over")]
        public static partial void ResignRecordNotDeleted(ILogger logger, string instance, string path, Exception exception);

        [LoggerMessage(EventId = 320, Level = LogLevel.Warning, Message = "{Instance}: fault: {Reasons}")]
        public static partial void Faulted(ILogger logger, string instance, string reasons);

        [LoggerMessage(EventId = 321, Level = LogLevel.Information, Message = "{Instance}: fault cleared")]
        public static partial void FaultCleared(ILogger logger, string instance);

        [LoggerMessage(EventId = 322, Level = LogLevel.Information, Message = "{Instance}: effective priority {From} -> {To}")]
        public static partial void PriorityChanged(ILogger logger, string instance, byte from, byte to);

        [LoggerMessage(EventId = 323, Level = LogLevel.Information, Message = "{Instance}: tracker {Tracker} {Status} (weight {Weight}) {Detail}")]
        public static partial void TrackerChanged(ILogger logger, string instance, string tracker, string status, int weight, string detail);

        [LoggerMessage(EventId = 324, Level = LogLevel.Warning, Message = "{Instance}: interface {Interface} usable: {Usable}")]
        public static partial void LinkChanged(ILogger logger, string instance, string @interface, bool usable);

        [LoggerMessage(EventId = 330, Level = LogLevel.Information, Message = "{Instance}: maintenance {On}; now {State}")]
        public static partial void MaintenanceSwitched(ILogger logger, string instance, bool on, VrrpState state);

        [LoggerMessage(EventId = 390, Level = LogLevel.Error, Message = "{Instance}: handling {Event} failed")]
        public static partial void EventFailed(ILogger logger, string instance, InstanceEventKind @event, Exception exception);
    }
}
