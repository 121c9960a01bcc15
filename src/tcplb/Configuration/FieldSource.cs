namespace HaKube.Tcplb.Configuration;

/// <summary>The line a field was set on and the name the file spelled it with ("weight", "ReverseProxy.Clusters.k.Destinations.d.Address").</summary>
internal readonly record struct FieldSource(int Line, string Name);
