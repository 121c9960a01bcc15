namespace HaKube.Installer.Lab;

/// <summary>The client's neighbour entry for the VIP changed (from `ip monitor neigh` on the client).</summary>
internal sealed record NeighbourEvent(DateTimeOffset At, string? Mac, string State);
