namespace HaKube.Tcplb.Configuration.Haproxy;

/// <summary>The haproxy.cfg sections that hold proxy settings.</summary>
internal enum ProxySectionKind
{
    Defaults,
    Frontend,
    Backend,
    Listen,
}
