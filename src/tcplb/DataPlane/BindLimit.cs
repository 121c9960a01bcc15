using System.Net;

namespace HaKube.Tcplb.DataPlane;

/// <summary>One bind line's own maxconn, shared by every socket it opened ("*:6443" opens an IPv4 and an IPv6 one).</summary>
internal sealed record BindLimit(int MaxConn, IReadOnlyList<IPEndPoint> Bind);
