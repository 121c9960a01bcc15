namespace HaKube.Vrrpd.Configuration;

/// <summary>
/// A tracker of the local tcplb (native format only). tcplb pushes its state through its admin socket:
/// gone or not listening is a fault; up with no healthy backend lowers the priority by a weight, so a node
/// that still reaches an apiserver wins and someone keeps the VIP when every apiserver is down.
/// </summary>
internal sealed record TcplbTrackerOptions
{
    /// <summary>tcplb's default admin socket.</summary>
    public const string DefaultAdminSocket = "/run/tcplb/admin.sock";

    /// <summary>Name that instances reference in trackTcplb.</summary>
    public string Name { get; init; } = "";

    /// <summary>Path of tcplb's admin socket.</summary>
    public string AdminSocket { get; init; } = DefaultAdminSocket;

    /// <summary>Priority change while tcplb runs with no healthy backend (negative; range -253..253).</summary>
    public int NoHealthyBackendWeight { get; init; } = -50;

    /// <summary>Put the instance in fault while tcplb is gone or not listening.</summary>
    public bool FaultWhenGone { get; init; } = true;
}
