namespace HaKube.Tcplb.Configuration.Haproxy;

internal sealed partial class HaproxyConfigReader
{
    private static readonly string[] GlobalIgnored =
    [
        "chroot", "daemon", "master-worker", "nbthread", "nbproc", "cpu-map", "ca-base", "crt-base", "hard-stop-after",
        "ulimit-n", "spread-checks", "node", "description", "quiet", "zero-warning", "localpeer", "uid", "gid",
        "ssl-default-bind-ciphers", "ssl-default-bind-ciphersuites", "ssl-default-bind-options",
        "ssl-default-server-ciphers", "ssl-default-server-ciphersuites", "ssl-default-server-options", "ssl-dh-param-file",
        "server-state-file", "server-state-base", "expose-experimental-directives",
    ];

    private void ReadGlobal(HaproxyLine line)
    {
        var keyword = line[0];
        switch (keyword)
        {
            case "maxconn":
                if (TryInt(line, 1, "maxconn", out var maxconn))
                {
                    _global.MaxConn = maxconn;
                    _global.Fields[nameof(GlobalOptions.MaxConn)] = Here(line, "maxconn");
                }

                break;
            case "log":
                ReadGlobalLog(line);
                break;
            case "log-tag":
                if (TryArgument(line, 1, keyword, "a tag (the program name in each log line)", out var tag))
                {
                    WarnExtraWords(line, 2);
                    _global.LogTag = tag;
                    _global.Fields[nameof(GlobalOptions.LogHeader)] = Here(line, keyword);
                }

                break;
            case "log-send-hostname":
                // HAProxy: the name given, or the system's host name (gethostname at start).
                WarnExtraWords(line, 2);
                _global.SendHostname = line[1].Length > 0 ? line[1] : Environment.MachineName;
                _global.Fields[nameof(GlobalOptions.LogHeader)] = Here(line, keyword);
                break;
            case "pidfile":
                if (TryArgument(line, 1, "pidfile", "a file path", out var pidfile))
                {
                    _global.PidFile = pidfile;
                    _global.Fields[nameof(GlobalOptions.PidFile)] = Here(line, "pidfile");
                }

                break;
            case "user":
                _global.User = line[1];
                Ignored(line, keyword, "tcplb runs as the user its systemd unit names (an unprivileged user with CAP_NET_BIND_SERVICE)");
                break;
            case "group":
                _global.Group = line[1];
                Ignored(line, keyword, "tcplb runs with the group its systemd unit names");
                break;
            case "stats":
                Ignored(line, "stats " + line[1], "tcplb's status, counters and server controls are on its admin socket (tcplb status)");
                break;
            case "ssl-server-verify":
                _global.DefaultVerify = line[1] == "none" ? TlsVerify.None : TlsVerify.Required;
                if (line[1] is not ("none" or "required"))
                {
                    _diagnostics.Error(_file, line.Number, keyword, $"'{line[1]}' is not allowed: write none or required");
                }

                break;
            case "chroot":
                Ignored(line, keyword, "tcplb's systemd unit confines the process instead of a chroot");
                break;
            case "daemon":
                Ignored(line, keyword, "tcplb runs in the foreground under systemd and never forks");
                break;
            default:
                if (GlobalIgnored.Contains(keyword) || keyword.StartsWith("tune.", StringComparison.Ordinal))
                {
                    Ignored(line, keyword, "it has no meaning for tcplb");
                }
                else
                {
                    Unknown(line, "global", keyword);
                }

                break;
        }
    }

    /// <summary>log &lt;target&gt; [len N] [format F] [sample R:S] &lt;facility&gt; [max level [min level]] (configuration manual 3.1).</summary>
    private void ReadGlobalLog(HaproxyLine line)
    {
        if (line[1] == "global")
        {
            _diagnostics.Warning(_file, line.Number, "log", "'log global' in the global section refers to itself; it is ignored");
            return;
        }

        if (ReadLogTarget(line) is { } target)
        {
            _global.Logs.Add(target);
            _global.Fields[nameof(GlobalOptions.Logs)] = Here(line, "log");
        }
    }

    private LogTargetOptions? ReadLogTarget(HaproxyLine line)
        => LogTargetParser.Parse(
            [.. line.Words.Skip(1)],
            (field, message) => _diagnostics.Error(_file, line.Number, field, message),
            (field, message) => _diagnostics.Warning(_file, line.Number, field, message));
}
