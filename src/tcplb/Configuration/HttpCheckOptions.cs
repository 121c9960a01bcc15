using System.Collections.Immutable;

namespace HaKube.Tcplb.Configuration;

/// <summary>The request an HTTP or HTTPS check sends and the statuses it accepts (HAProxy's <c>option httpchk</c> / <c>http-check</c>).</summary>
internal sealed record HttpCheckOptions
{
    /// <summary>HAProxy's default method is OPTIONS; the native format's is GET.</summary>
    public string Method { get; init; } = "OPTIONS";

    /// <summary>Path and query of the request ("/readyz").</summary>
    public string Path { get; init; } = "/";

    /// <summary>Statuses that pass; HAProxy's default is 2xx and 3xx.</summary>
    public ImmutableArray<StatusRange> ExpectedStatuses { get; init; } = [new(200, 399)];

    public bool Accepts(int status)
    {
        foreach (var range in ExpectedStatuses)
        {
            if (range.Contains(status))
            {
                return true;
            }
        }

        return false;
    }
}
