namespace HaKube.Tcplb.Configuration;

/// <summary>Syslog severities (RFC 5424 6.2.1), the levels HAProxy's <c>log</c> line takes; lower is more severe.</summary>
internal enum SyslogLevel
{
    Emerg = 0,
    Alert = 1,
    Crit = 2,
    Err = 3,
    Warning = 4,
    Notice = 5,
    Info = 6,
    Debug = 7,
}
