using System.Net;

namespace HaKube.Tcplb.DataPlane;

/// <summary>A listening socket received from systemd, with the address it is bound to.</summary>
internal sealed record InheritedListener(int Fd, IPEndPoint? LocalEndPoint);
