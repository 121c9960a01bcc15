namespace HaKube.Tcplb.Runtime;

/// <summary>One frontend in <c>tcplb status</c>.</summary>
internal sealed record FrontendStatus
{
    public required string Name { get; init; }

    public required string? Backend { get; init; }

    /// <summary>Addresses bound now ("0.0.0.0:6443", "[::]:6443").</summary>
    public required IReadOnlyList<string> Listen { get; init; }

    public required int Active { get; init; }
}
