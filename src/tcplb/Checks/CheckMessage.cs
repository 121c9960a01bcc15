namespace HaKube.Tcplb.Checks;

/// <summary>One input of the health loop; <see cref="Generation"/> tells a stale timer from the current one.</summary>
internal readonly record struct CheckMessage(CheckMessageKind Kind, int Backend, int Server, long Generation = 0, ProbeResult Result = default, TimeSpan Duration = default, string? Detail = null);
