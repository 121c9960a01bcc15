using HaKube.Common.Configuration;

namespace HaKube.Vrrpd.Configuration;

/// <summary>
/// The outcome of loading a configuration: the options (null when any finding is an error) and every
/// finding, warnings included, in the order found.
/// </summary>
internal sealed record ConfigLoadResult(VrrpdOptions? Options, IReadOnlyList<Diagnostic> Diagnostics, ConfigFormat Format)
{
    public bool HasErrors => Diagnostics.Any(d => d.Severity == Severity.Error);
}
