namespace HaKube.Vrrpd.Tracking;

/// <summary>How many matching processes run now, with a short explanation for status and logs.</summary>
internal sealed record ProcessSighting(int Count, string Detail);
