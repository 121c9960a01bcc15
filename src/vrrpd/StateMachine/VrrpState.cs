namespace HaKube.Vrrpd.StateMachine;

/// <summary>
/// States of a VRRP instance (RFC 5798 6.4). RFC 9568 renames Master to Active; we keep RFC
/// 5798's names, which Keepalived and operators use.
/// </summary>
internal enum VrrpState : byte
{
    /// <summary>Not started, or shut down (RFC 5798 6.4.1).</summary>
    Initialize = 0,

    /// <summary>Monitoring the Master (RFC 5798 6.4.2).</summary>
    Backup,

    /// <summary>Forwarding for the virtual addresses and advertising (RFC 5798 6.4.3).</summary>
    Master,

    /// <summary>A tracker reports a fault: not participating, holding nothing (Keepalived's FAULT, not in the RFC).</summary>
    Fault,
}
