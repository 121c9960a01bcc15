namespace HaKube.Vrrpd.Interop;

/// <summary>Constants from linux/netlink.h, linux/rtnetlink.h, linux/if_addr.h, linux/if_link.h and linux/if.h.</summary>
internal static class Rtnl
{
    internal const int NetlinkRoute = 0;          // NETLINK_ROUTE
    internal const int SolNetlink = 270;          // SOL_NETLINK
    internal const int NetlinkAddMembership = 1;  // NETLINK_ADD_MEMBERSHIP
    internal const int NetlinkCapAck = 10;        // NETLINK_CAP_ACK: errors do not echo the request
    internal const int NetlinkExtAck = 11;        // NETLINK_EXT_ACK: errors carry the kernel's message

    // Message types (linux/netlink.h, linux/rtnetlink.h).
    internal const ushort NlmsgError = 2;
    internal const ushort NlmsgDone = 3;
    internal const ushort NlmsgOverrun = 4;
    internal const ushort RtmNewLink = 16;
    internal const ushort RtmDelLink = 17;
    internal const ushort RtmGetLink = 18;
    internal const ushort RtmNewAddr = 20;
    internal const ushort RtmDelAddr = 21;
    internal const ushort RtmGetAddr = 22;

    // Header flags.
    internal const ushort NlmFRequest = 0x01;
    internal const ushort NlmFMulti = 0x02;
    internal const ushort NlmFAck = 0x04;
    internal const ushort NlmFDump = 0x300;       // NLM_F_ROOT | NLM_F_MATCH
    internal const ushort NlmFExcl = 0x200;
    internal const ushort NlmFCreate = 0x400;
    internal const ushort NlmFCapped = 0x100;     // on NLMSG_ERROR: the request was not echoed
    internal const ushort NlmFAckTlvs = 0x200;    // on NLMSG_ERROR: extended-ack attributes follow
    internal const ushort NlmsgErrAttrMsg = 1;    // NLMSGERR_ATTR_MSG

    // Multicast groups (enum rtnetlink_groups).
    internal const int RtnlGroupLink = 1;
    internal const int RtnlGroupIPv4Address = 5;
    internal const int RtnlGroupIPv6Address = 9;

    // Address attributes (enum IFA_*).
    internal const ushort IfaAddress = 1;
    internal const ushort IfaLocal = 2;
    internal const ushort IfaLabel = 3;
    internal const ushort IfaBroadcast = 4;
    internal const ushort IfaFlags = 8;
    internal const ushort IfaProto = 11;          // Linux 6.0+: who added the address (u8)

    // Address flags (IFA_F_*).
    internal const uint IfaFSecondary = 0x01;
    internal const uint IfaFNoDad = 0x02;
    internal const uint IfaFDadFailed = 0x08;
    internal const uint IfaFTentative = 0x40;
    internal const uint IfaFPermanent = 0x80;

    // Scopes (enum rt_scope_t).
    internal const byte ScopeUniverse = 0;
    internal const byte ScopeLink = 253;
    internal const byte ScopeHost = 254;

    // Link attributes (enum IFLA_*).
    internal const ushort IflaAddress = 1;
    internal const ushort IflaIfName = 3;
    internal const ushort IflaOperState = 16;

    // Link flags (linux/if.h).
    internal const uint IffUp = 0x1;
    internal const uint IffRunning = 0x40;
    internal const uint IffLowerUp = 0x10000;
}
