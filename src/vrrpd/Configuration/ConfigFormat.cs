namespace HaKube.Vrrpd.Configuration;

/// <summary>The format a configuration file was recognised as.</summary>
internal enum ConfigFormat
{
    /// <summary>vrrpd's own JSON (first non-blank character '{').</summary>
    Native,

    /// <summary>A keepalived.conf (anything else).</summary>
    Keepalived,
}
