using HaKube.Tcplb.Configuration;

namespace HaKube.Tcplb.Runtime;

/// <summary>One configuration made runnable: its backends' schedulers and the engine's frontends.</summary>
internal sealed class RuntimeModel
{
    public RuntimeModel(TcplbOptions options, IReadOnlyList<BackendRuntime> backends, IReadOnlyList<DataPlane.FrontendOptions> frontends)
    {
        Options = options;
        Backends = backends;
        Frontends = frontends;
    }

    public TcplbOptions Options { get; }

    public IReadOnlyList<BackendRuntime> Backends { get; }

    public IReadOnlyList<DataPlane.FrontendOptions> Frontends { get; }

    public BackendRuntime? Backend(string name)
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

    /// <summary>Backends some frontend sends connections to (the readiness stream counts their servers).</summary>
    public IEnumerable<BackendRuntime> UsedBackends()
    {
        foreach (var backend in Backends)
        {
            if (Options.Frontends.Any(f => string.Equals(f.DefaultBackend, backend.Name, StringComparison.Ordinal)))
            {
                yield return backend;
            }
        }
    }
}
