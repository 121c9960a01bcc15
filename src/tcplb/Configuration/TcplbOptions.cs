using System.Collections.Immutable;

namespace HaKube.Tcplb.Configuration;

/// <summary>Everything tcplb runs from, whichever format it was read from; every default already applied.</summary>
internal sealed record TcplbOptions
{
    public required ConfigFormat Format { get; init; }

    /// <summary>The file read.</summary>
    public required string File { get; init; }

    public GlobalOptions Global { get; init; } = new();

    public ImmutableArray<FrontendOptions> Frontends { get; init; } = [];

    public ImmutableArray<BackendOptions> Backends { get; init; } = [];

    public BackendOptions? FindBackend(string name)
    {
        foreach (var backend in Backends)
        {
            if (string.Equals(backend.Name, name, StringComparison.Ordinal))
            {
                return backend;
            }
        }

        return null;
    }
}
