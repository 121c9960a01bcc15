using HaKube.Common.Configuration;

namespace HaKube.Tcplb.Configuration;

/// <summary>
/// What <see cref="ConfigLoader"/> found: the options (null when the file could not be read or parsed at all) and every
/// finding. The daemon starts only when <see cref="Succeeded"/>.
/// </summary>
internal sealed record ConfigLoadResult(TcplbOptions? Options, IReadOnlyList<Diagnostic> Diagnostics)
{
    public bool Succeeded => Options is not null && !Diagnostics.Any(d => d.Severity == Severity.Error);
}
