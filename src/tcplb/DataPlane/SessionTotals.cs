namespace HaKube.Tcplb.DataPlane;

/// <summary>What one lease carried: bytes each way and how long it was held.</summary>
internal readonly record struct SessionTotals(long BytesFromClient, long BytesFromServer, TimeSpan Duration);
