namespace HaKube.NetLab;

/// <summary>Which packets a drop rule applies to.</summary>
public enum TrafficDirection
{
    /// <summary>Packets arriving at the host.</summary>
    Inbound,

    /// <summary>Packets the host sends.</summary>
    Outbound,

    /// <summary>Both ways.</summary>
    Both,
}
