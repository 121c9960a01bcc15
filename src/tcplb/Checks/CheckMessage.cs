namespace HaKube.Tcplb.Checks;

/// <summary>One input of the health loop; <see cref="Generation"/> tells a stale timer from the current one; <see cref="PassiveDown"/>: a failed connect marked the server down.</summary>
internal readonly record struct CheckMessage(CheckMessageKind Kind, int Backend, int Server, long Generation = 0, ProbeResult Result = default, TimeSpan Duration = default, bool PassiveDown = false);
