namespace HaKube.Tcplb.Runtime;

/// <summary>The reply of the admin command "reload": whether the new file was applied, and every finding.</summary>
internal sealed record ReloadResult(bool Applied, IReadOnlyList<string> Diagnostics);
