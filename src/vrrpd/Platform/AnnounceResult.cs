using System.Net.Sockets;

namespace HaKube.Vrrpd.Platform;

/// <summary>How a burst of gratuitous ARPs / neighbour advertisements went.</summary>
/// <param name="Sent">Frames the kernel accepted.</param>
/// <param name="Failed">Frames it refused.</param>
/// <param name="LastError">The last refusal's reason, or Success.</param>
internal readonly record struct AnnounceResult(int Sent, int Failed, SocketError LastError);
