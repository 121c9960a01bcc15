using System.Net.NetworkInformation;
using HaKube.Vrrpd.Interop;

namespace HaKube.Vrrpd.Platform;

/// <summary>An interface as rtnetlink reports it (RTM_NEWLINK).</summary>
/// <param name="Index">The interface index.</param>
/// <param name="Name">The interface name (IFLA_IFNAME).</param>
/// <param name="Flags">IFF_* flags.</param>
/// <param name="OperationalState">IFLA_OPERSTATE.</param>
/// <param name="MacAddress">IFLA_ADDRESS (empty when the link has none).</param>
internal sealed record LinkInfo(int Index, string Name, uint Flags, LinkOperationalState OperationalState, PhysicalAddress MacAddress)
{
    /// <summary>Administratively up (IFF_UP).</summary>
    public bool IsUp => (Flags & Rtnl.IffUp) != 0;

    /// <summary>Up with carrier (IFF_LOWER_UP).</summary>
    public bool HasCarrier => (Flags & Rtnl.IffLowerUp) != 0;

    /// <summary>Operationally usable (IFF_RUNNING): what a VRRP interface tracker should follow.</summary>
    public bool IsRunning => (Flags & Rtnl.IffRunning) != 0;

    /// <summary>IFF_UP and IFF_RUNNING, and operstate up or unknown (unknown: drivers that never report it).</summary>
    public bool IsUsable => IsUp && IsRunning && OperationalState is LinkOperationalState.Up or LinkOperationalState.Unknown;
}
