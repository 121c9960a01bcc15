namespace HaKube.Vrrpd.Platform;

/// <summary>The ARP opcode of a gratuitous ARP (RFC 5227 3: both forms are in use; Keepalived sends requests).</summary>
internal enum ArpOperation : ushort
{
    Request = 1,
    Reply = 2,
}
