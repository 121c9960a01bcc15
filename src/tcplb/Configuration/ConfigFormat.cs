namespace HaKube.Tcplb.Configuration;

/// <summary>Which file format a configuration was read from; some defaults differ (see docs/tcplb-config.md).</summary>
internal enum ConfigFormat
{
    /// <summary>tcplb's own JSON, shaped like YARP's ReverseProxy section.</summary>
    Native,

    /// <summary>An HAProxy configuration file, read with HAProxy 2.6's semantics.</summary>
    Haproxy,
}
