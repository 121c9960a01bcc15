namespace HaKube.Tcplb.Configuration;

/// <summary>
/// Who a syslog line says it is from: the tag (program name; HAProxy's <c>log-tag</c>, tcplb's own name by default) and
/// the host name (HAProxy's global <c>log-send-hostname [NAME]</c>: NAME, or this machine's name; null when not set).
/// </summary>
/// <remarks>
/// HAProxy 2.6 puts a host field in a header only when told to, with one quirk kept here (checked against Debian's
/// HAProxy 2.6 on loopback): a target written <c>format rfc3164</c> always carries a host, "localhost" unless
/// log-send-hostname names one, while a target with no <c>format</c> (rfc3164 too) carries one only with
/// log-send-hostname; <c>format local</c> never does; rfc5424 says "-" without it.
/// </remarks>
internal sealed record LogHeader(string Tag, string? Hostname)
{
    public const string DefaultTag = "tcplb";

    public static LogHeader Default { get; } = new(DefaultTag, null);

    /// <summary>The host field for <paramref name="target"/>'s format; null when its header has none.</summary>
    public string? HostFor(LogTargetOptions target) => target.Format switch
    {
        SyslogFormat.Rfc3164 when Hostname is not null => Hostname,
        SyslogFormat.Rfc3164 => target.FormatWritten ? "localhost" : null,
        SyslogFormat.Rfc5424 => string.IsNullOrEmpty(Hostname) ? "-" : Hostname,
        _ => null,
    };
}
