namespace HaKube.Vrrpd.Configuration;

/// <summary>
/// A tracker of the local tcplb (native format only). tcplb pushes its state through its admin socket:
/// gone or not listening is a fault; up with no healthy backend lowers the priority by a weight, so a node
/// that still reaches an apiserver wins and someone keeps the VIP when every apiserver is down.
/// </summary>
/// <param name="Name">Name that instances reference in trackTcplb.</param>
/// <param name="AdminSocket">Path of tcplb's admin socket.</param>
/// <param name="NoHealthyBackendWeight">Priority change while tcplb runs with no healthy backend (negative; range -253..253).</param>
/// <param name="FaultWhenGone">Put the instance in fault while tcplb is gone or not listening.</param>
internal sealed record TcplbTrackerOptions(
    string Name = "",
    string AdminSocket = TcplbTrackerOptions.DefaultAdminSocket,
    int NoHealthyBackendWeight = -50,
    bool FaultWhenGone = true)
{
    /// <summary>tcplb's default admin socket.</summary>
    public const string DefaultAdminSocket = "/run/tcplb/admin.sock";
}
