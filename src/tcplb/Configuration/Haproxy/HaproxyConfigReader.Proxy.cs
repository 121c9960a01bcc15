using System.Globalization;

namespace HaKube.Tcplb.Configuration.Haproxy;

internal sealed partial class HaproxyConfigReader
{
    private static readonly string[] HttpOnlyOptions =
    [
        "http-server-close", "forwardfor", "http-keep-alive", "httpclose", "http-pretend-keepalive", "http-buffer-request",
        "http-ignore-probes", "http-use-htx", "http-no-delay", "originalto", "accept-invalid-http-request",
        "accept-invalid-http-response", "h1-case-adjust-bogus-client", "h1-case-adjust-bogus-server", "http-restrict-req-hdr-names",
    ];

    private static readonly string[] IgnoredOptions =
    [
        "abortonclose", "tcpka", "clitcpka", "srvtcpka", "splice-auto", "splice-request", "splice-response", "log-health-checks",
        "independent-streams", "log-separate-errors", "contstats", "socket-stats", "nolinger", "logasap", "persist",
        "prefer-last-server", "idle-close-on-response", "dontlog-normal", "checkcache", "disable-h2-upgrade",
    ];

    private void ReadProxy(ProxyBuilder proxy, HaproxyLine line)
    {
        var keyword = line[0];
        var section = SectionName(proxy.Kind);
        switch (keyword)
        {
            case "mode":
                if (line[1] is "tcp" or "http")
                {
                    proxy.Mode = line[1];
                    proxy.Fields["Mode"] = Here(line, "mode");
                }
                else
                {
                    _diagnostics.Error(_file, line.Number, "mode", $"'{line[1]}' is not allowed: tcplb forwards TCP, write 'mode tcp'");
                }

                break;
            case "bind":
                ReadBind(proxy, line);
                break;
            case "default_backend":
                if (RequireSide(proxy, line, frontend: true) && TryArgument(line, 1, keyword, "a backend name", out var backend))
                {
                    proxy.DefaultBackend = backend;
                    proxy.Fields[nameof(FrontendOptions.DefaultBackend)] = Here(line, keyword);
                }

                break;
            case "use_backend":
                Unsupported(line, keyword, "tcplb sends every connection of a frontend to its default_backend (there are no ACLs)");
                break;
            case "maxconn":
                if (RequireSide(proxy, line, frontend: true) && TryInt(line, 1, keyword, out var maxconn))
                {
                    proxy.MaxConn = maxconn;
                    proxy.Fields[nameof(FrontendOptions.MaxConn)] = Here(line, keyword);
                }

                break;
            case "timeout":
                ReadTimeout(proxy, line);
                break;
            case "option":
                ReadOption(proxy, line, 1, enable: true);
                break;
            case "no" when line[1] == "option":
                ReadOption(proxy, line, 2, enable: false);
                break;
            case "balance":
                ReadBalance(proxy, line);
                break;
            case "retries":
                if (RequireSide(proxy, line, frontend: false) && TryInt(line, 1, keyword, out var retries))
                {
                    proxy.Retries = retries;
                    proxy.Fields["Retry.Retries"] = Here(line, keyword);
                }

                break;
            case "default-server":
                if (RequireSide(proxy, line, frontend: false))
                {
                    ReadServerParameters(proxy.DefaultServer, line, 1, "default-server");
                }

                break;
            case "server":
                ReadServer(proxy, line);
                break;
            case "http-check":
                ReadHttpCheck(proxy, line);
                break;
            case "tcp-check":
                ReadTcpCheck(proxy, line);
                break;
            case "log":
                ReadProxyLog(proxy, line);
                break;
            case "log-tag":
                if (TryArgument(line, 1, keyword, "a tag (the program name in each log line)", out var tag))
                {
                    WarnExtraWords(line, 2);
                    proxy.LogTag = tag;
                    proxy.Fields["LogHeader"] = Here(line, keyword);
                }

                break;
            case "no" when line[1] == "log":
                // HAProxy: forget the targets inherited so far; this section logs nothing unless a later log line says so.
                proxy.Logs.Clear();
                proxy.LogGlobal = false;
                proxy.NoLog = true;
                proxy.Fields["LogTargets"] = Here(line, "no log");
                break;
            case "hash-type" or "hash-balance-factor":
                Ignored(line, keyword, "tcplb's source balancing is always consistent (rendezvous hashing over the usable servers)");
                break;
            case "fullconn" or "description" or "id" or "enabled" or "disabled" or "stats" or "errorfile" or "errorloc" or "monitor-uri" or "unique-id-format" or "capture" or "log-format" or "email-alert" or "acl":
                Ignored(line, keyword, "it has no meaning for a layer-4 balancer without HTTP processing");
                break;
            case "http-request" or "http-response" or "http-after-response" or "tcp-request" or "tcp-response" or "stick" or "stick-table" or "redirect" or "reqadd" or "rspadd":
                Unsupported(line, keyword, "tcplb forwards bytes untouched and has no rule engine");
                break;
            case "contimeout" or "clitimeout" or "srvtimeout":
                _diagnostics.Error(_file, line.Number, keyword, $"'{keyword}' was removed from HAProxy; write 'timeout connect', 'timeout client' or 'timeout server'");
                break;
            default:
                Unknown(line, section, keyword);
                break;
        }
    }

    /// <summary>log global | log &lt;target&gt; … in defaults, frontend, listen or backend: targets added to those inherited.</summary>
    private void ReadProxyLog(ProxyBuilder proxy, HaproxyLine line)
    {
        if (line[1] == "global")
        {
            WarnExtraWords(line, 2);
            proxy.LogGlobal = true;
        }
        else if (ReadLogTarget(line) is { } target)
        {
            proxy.Logs.Add(target);
        }
        else
        {
            return;
        }

        proxy.NoLog = false;
        proxy.Fields["LogTargets"] = Here(line, "log");
    }

    private static string SectionName(ProxySectionKind kind) => kind switch
    {
        ProxySectionKind.Defaults => "defaults",
        ProxySectionKind.Frontend => "frontend",
        ProxySectionKind.Backend => "backend",
        _ => "listen",
    };

    /// <summary>HAProxy warns and ignores a frontend keyword in a backend and the other way round.</summary>
    private bool RequireSide(ProxyBuilder proxy, HaproxyLine line, bool frontend)
    {
        if (frontend ? proxy.HasFrontend : proxy.HasBackend)
        {
            return true;
        }

        _diagnostics.Warning(_file, line.Number, line[0], $"'{line[0]}' is ignored in a {SectionName(proxy.Kind)} section: it applies to {(frontend ? "frontend and listen" : "backend and listen")} sections");
        return false;
    }

    private void ReadTimeout(ProxyBuilder proxy, HaproxyLine line)
    {
        var which = line[1];
        var field = "timeout " + which;
        bool? frontendSide = which switch
        {
            "client" or "client-fin" => true,
            "connect" or "server" or "server-fin" or "tunnel" or "queue" or "check" => false,
            _ => null,
        };
        if (frontendSide is null)
        {
            if (which is "http-request" or "http-keep-alive" or "tarpit")
            {
                Ignored(line, field, "it applies to HTTP mode only");
            }
            else
            {
                _diagnostics.Error(_file, line.Number, field, $"'{which}' is not a timeout: use connect, client, server, tunnel, client-fin, server-fin, queue or check");
            }

            return;
        }

        if (!RequireSide(proxy, line, frontendSide.Value) || !TryTime(line, 2, field, out var value))
        {
            return;
        }

        // In HAProxy a zero timeout is no timeout.
        var timeout = value == TimeSpan.Zero ? Timeout.InfiniteTimeSpan : value;
        var key = which switch
        {
            "client" => "Timeouts.Client",
            "client-fin" => "Timeouts.ClientFin",
            "connect" => "Timeouts.Connect",
            "server" => "Timeouts.Server",
            "server-fin" => "Timeouts.ServerFin",
            "tunnel" => "Timeouts.Tunnel",
            "queue" => "Timeouts.Queue",
            _ => "Timeouts.Check",
        };
        switch (which)
        {
            case "client": proxy.TimeoutClient = timeout; break;
            case "client-fin": proxy.TimeoutClientFin = timeout; break;
            case "connect": proxy.TimeoutConnect = timeout; break;
            case "server": proxy.TimeoutServer = timeout; break;
            case "server-fin": proxy.TimeoutServerFin = timeout; break;
            case "tunnel": proxy.TimeoutTunnel = timeout; break;
            case "queue": proxy.TimeoutQueue = timeout; break;
            default: proxy.TimeoutCheck = timeout; break;
        }

        proxy.Fields[key] = Here(line, field);
    }

    private void ReadOption(ProxyBuilder proxy, HaproxyLine line, int index, bool enable)
    {
        var name = line[index];
        var field = "option " + name;
        if (proxy.Kind == ProxySectionKind.Backend && name is "tcplog" or "httplog" or "dontlognull")
        {
            // HAProxy: "'option tcplog' directive is ignored in backends".
            _diagnostics.Warning(_file, line.Number, field, $"'{field}' is ignored in a backend: connection logging is a frontend setting");
            return;
        }

        switch (name)
        {
            case "tcplog":
                proxy.LogConnections = enable;
                break;
            case "httplog":
                // HAProxy itself falls back to tcplog for a TCP frontend ("not usable with frontend ... (needs 'mode http')").
                proxy.LogConnections = enable;
                _diagnostics.Warning(_file, line.Number, field, "tcplb logs TCP connections: 'option httplog' means 'option tcplog' here, as in HAProxy's TCP mode");
                break;
            case "dontlognull":
                proxy.DontLogNull = enable;
                break;
            case "redispatch":
                if (RequireSide(proxy, line, frontend: false))
                {
                    proxy.Redispatch = enable;
                    proxy.RedispatchInterval = -1;
                    proxy.Fields["Retry.Redispatch"] = Here(line, field);
                    if (enable && line.Count > index + 1 && TryInt(line, index + 1, field, out var interval))
                    {
                        proxy.RedispatchInterval = interval;
                        proxy.Redispatch = interval != 0;
                        proxy.Fields["Retry.RedispatchInterval"] = Here(line, field);
                    }
                }

                break;
            case "allbackups":
                if (RequireSide(proxy, line, frontend: false))
                {
                    proxy.AllBackups = enable;
                }

                break;
            case "tcp-check":
                if (RequireSide(proxy, line, frontend: false))
                {
                    proxy.HttpCheck = false;
                }

                break;
            case "httpchk" when !enable:
                proxy.HttpCheck = false;
                break;
            case "httpchk":
                if (RequireSide(proxy, line, frontend: false))
                {
                    ReadOptionHttpchk(proxy, line, index);
                }

                break;
            case "ssl-hello-chk" or "mysql-check" or "pgsql-check" or "redis-check" or "smtpchk" or "ldap-check" or "spop-check" or "external-check":
                Unsupported(line, field, "checks are a TCP connect ('option tcp-check' or none), a TLS handshake ('check-ssl') or HTTPS ('option httpchk' with 'http-check connect ssl')");
                break;
            default:
                if (HttpOnlyOptions.Contains(name))
                {
                    Ignored(line, field, "it applies to HTTP mode only");
                }
                else if (IgnoredOptions.Contains(name))
                {
                    Ignored(line, field, "it has no meaning for tcplb");
                }
                else
                {
                    _diagnostics.Warning(_file, line.Number, field, $"unknown option '{name}'; it is ignored");
                }

                break;
        }
    }

    /// <summary>option httpchk [&lt;method&gt;] [&lt;uri&gt;] [&lt;version&gt;] — the old one-line form; 'http-check send' overrides it.</summary>
    private static void ReadOptionHttpchk(ProxyBuilder proxy, HaproxyLine line, int index)
    {
        proxy.HttpCheck = true;
        proxy.Fields["HttpCheck"] = Here(line, "option httpchk");
        var rest = line.Words.Skip(index + 1).ToArray();
        if (rest.Length == 1)
        {
            proxy.HttpCheckPath = rest[0];
            proxy.Fields["HttpCheck.Path"] = Here(line, "option httpchk");
        }
        else if (rest.Length >= 2)
        {
            proxy.HttpCheckMethod = rest[0];
            proxy.HttpCheckPath = rest[1];
            proxy.Fields["HttpCheck.Method"] = Here(line, "option httpchk");
            proxy.Fields["HttpCheck.Path"] = Here(line, "option httpchk");
        }
    }

    private void ReadBalance(ProxyBuilder proxy, HaproxyLine line)
    {
        if (!RequireSide(proxy, line, frontend: false) || !TryArgument(line, 1, "balance", "an algorithm", out var algorithm))
        {
            return;
        }

        BalanceAlgorithm? value = null;
        switch (algorithm)
        {
            case "roundrobin":
                value = BalanceAlgorithm.RoundRobin;
                break;
            case "static-rr":
                value = BalanceAlgorithm.RoundRobin;
                _diagnostics.Warning(_file, line.Number, "balance", "static-rr is read as roundrobin: the order is the same, weights just may change at run time (slowstart)");
                break;
            case "leastconn":
                value = BalanceAlgorithm.LeastConn;
                break;
            case "source":
                value = BalanceAlgorithm.Source;
                break;
            default:
                if (algorithm == "random" || algorithm.StartsWith("random(", StringComparison.Ordinal))
                {
                    value = BalanceAlgorithm.Random;
                    var draws = 2;
                    if (algorithm.Length > 6 && (!algorithm.EndsWith(')') || !int.TryParse(algorithm.AsSpan(7, algorithm.Length - 8), NumberStyles.None, CultureInfo.InvariantCulture, out draws)))
                    {
                        _diagnostics.Error(_file, line.Number, "balance", $"'{algorithm}' is not allowed: write random or random(N) with N >= 1");
                        return;
                    }

                    proxy.RandomDraws = draws;
                    proxy.Fields[nameof(BackendOptions.RandomDraws)] = Here(line, "balance");
                }

                break;
        }

        if (value is null)
        {
            _diagnostics.Error(_file, line.Number, "balance", $"'{algorithm}' is not supported: use roundrobin, leastconn, source or random[(N)] (uri, url_param, hdr, rdp-cookie and first need HTTP or are not implemented)");
            return;
        }

        proxy.Balance = value;
        proxy.Fields[nameof(BackendOptions.Balance)] = Here(line, "balance");
        if (line.Count > 2)
        {
            WarnExtraWords(line, 2);
        }
    }

    private void ReadBind(ProxyBuilder proxy, HaproxyLine line)
    {
        if (proxy.Kind is not (ProxySectionKind.Frontend or ProxySectionKind.Listen))
        {
            _diagnostics.Error(_file, line.Number, "bind", $"'bind' is not allowed in a {SectionName(proxy.Kind)} section: put it in a frontend or listen section");
            return;
        }

        if (!TryArgument(line, 1, "bind", "an address:port (e.g. *:6443)", out var addresses))
        {
            return;
        }

        bool freeBind = false, v6Only = false;
        int? maxconn = null;
        for (var i = 2; i < line.Count; i++)
        {
            switch (line[i])
            {
                case "transparent" or "freebind":
                    freeBind = true;
                    break;
                case "v6only":
                    v6Only = true;
                    break;
                case "v4v6":
                    v6Only = false;
                    break;
                case "maxconn":
                    if (TryInt(line, ++i, "bind maxconn", out var m))
                    {
                        maxconn = m;
                    }

                    break;
                case "name" or "backlog" or "id" or "nice" or "mss" or "interface" or "namespace" or "process" or "thread" or "tcp-ut" or "level" or "mode" or "user" or "group" or "uid" or "gid":
                    Ignored(line, "bind " + line[i], "it has no meaning for tcplb");
                    i++;
                    break;
                case "tfo" or "defer-accept" or "accept-netscaler-cip" or "allow-0rtt":
                    Ignored(line, "bind " + line[i], "it has no meaning for tcplb");
                    break;
                case "ssl" or "crt" or "accept-proxy" or "quic" or "proto":
                    Unsupported(line, "bind " + line[i], "tcplb never terminates TLS (kubectl and kubelets authenticate with client certificates) and reads no PROXY header");
                    return;
                default:
                    _diagnostics.Error(_file, line.Number, "bind", $"unknown bind keyword '{line[i]}': tcplb knows transparent (or freebind), v4v6, v6only and maxconn");
                    return;
            }
        }

        foreach (var text in addresses.Split(','))
        {
            if (!AddressParser.TryParse(text, wildcardAllowed: true, out var hostPort, out var error))
            {
                _diagnostics.Error(_file, line.Number, "bind", error);
                continue;
            }

            if (hostPort.Port is not { } port)
            {
                _diagnostics.Error(_file, line.Number, "bind", $"'{text}' has no port: write address:port (e.g. *:6443)");
                continue;
            }

            proxy.Binds.Add(new BindOptions { Address = hostPort.Ip, Port = port, FreeBind = freeBind, V6Only = v6Only, MaxConn = maxconn, Text = text });
            proxy.Fields[$"Binds[{proxy.Binds.Count - 1}]"] = Here(line, "bind");
        }
    }

    /// <summary>http-check connect|send|expect|comment|disable-on-404 (configuration manual 4.2, http-check).</summary>
    private void ReadHttpCheck(ProxyBuilder proxy, HaproxyLine line)
    {
        if (!RequireSide(proxy, line, frontend: false))
        {
            return;
        }

        var field = "http-check " + line[1];
        switch (line[1])
        {
            case "connect":
                ReadCheckConnect(proxy, line, field);
                break;
            case "send":
                for (var i = 2; i < line.Count; i += 2)
                {
                    switch (line[i])
                    {
                        case "meth":
                            proxy.HttpCheckMethod = line[i + 1];
                            proxy.Fields["HttpCheck.Method"] = Here(line, field + " meth");
                            break;
                        case "uri":
                            proxy.HttpCheckPath = line[i + 1];
                            proxy.Fields["HttpCheck.Path"] = Here(line, field + " uri");
                            break;
                        case "ver":
                            break;
                        case "hdr":
                            Ignored(line, field + " hdr", "tcplb's HTTPS check sends only Host");
                            i++;
                            break;
                        default:
                            Unsupported(line, field + " " + line[i], "http-check send takes meth, uri and ver");
                            return;
                    }
                }

                break;
            case "expect":
                ReadHttpCheckExpect(proxy, line, field);
                break;
            case "comment":
                break;
            case "disable-on-404" or "send-state":
                Ignored(line, field, "not implemented by tcplb");
                break;
            default:
                Unsupported(line, field, "http-check takes connect, send and expect");
                break;
        }
    }

    private void ReadHttpCheckExpect(ProxyBuilder proxy, HaproxyLine line, string field)
    {
        var i = 2;
        while (line[i] is "min-recv" or "comment" or "ok-status" or "error-status" or "tout-status" or "on-success" or "on-error" or "status-code")
        {
            i += 2;
        }

        if (line[i] != "status")
        {
            Unsupported(line, field, $"'{line[i]}': tcplb's HTTPS check expects 'status <codes>' (e.g. 200 or 200-399,401)");
            return;
        }

        if (!TryArgument(line, i + 1, field + " status", "status codes (e.g. 200 or 200-399)", out var codes))
        {
            return;
        }

        if (!TryParseStatuses(codes, out var statuses, out var error))
        {
            _diagnostics.Error(_file, line.Number, field + " status", error);
            return;
        }

        proxy.HttpCheckStatuses = statuses;
        proxy.Fields["HttpCheck.ExpectedStatuses"] = Here(line, field + " status");
    }

    /// <summary>"200", "200-399", "200,204" (HAProxy's status list: comma-separated codes and ranges).</summary>
    internal static bool TryParseStatuses(string text, out List<StatusRange> statuses, out string error)
    {
        statuses = [];
        foreach (var part in text.Split(','))
        {
            var dash = part.IndexOf('-', StringComparison.Ordinal);
            var (fromText, toText) = dash >= 0 ? (part[..dash], part[(dash + 1)..]) : (part, part);
            if (!int.TryParse(fromText, NumberStyles.None, CultureInfo.InvariantCulture, out var from)
                || !int.TryParse(toText, NumberStyles.None, CultureInfo.InvariantCulture, out var to)
                || from > to)
            {
                error = $"'{part}' is not a status code or range: write codes 100..599 such as 200, or ranges such as 200-399, separated by commas";
                return false;
            }

            statuses.Add(new StatusRange(from, to));
        }

        error = "";
        return true;
    }

    private void ReadTcpCheck(ProxyBuilder proxy, HaproxyLine line)
    {
        if (!RequireSide(proxy, line, frontend: false))
        {
            return;
        }

        if (line[1] == "connect")
        {
            ReadCheckConnect(proxy, line, "tcp-check connect");
        }
        else if (line[1] != "comment")
        {
            Unsupported(line, "tcp-check " + line[1], "tcplb's TCP check only connects (optionally with TLS: 'tcp-check connect ssl'); send and expect rules are not implemented");
        }
    }

    /// <summary>[http|tcp]-check connect [port N] [ssl] [sni NAME] [...]</summary>
    private void ReadCheckConnect(ProxyBuilder proxy, HaproxyLine line, string field)
    {
        for (var i = 2; i < line.Count; i++)
        {
            switch (line[i])
            {
                case "ssl":
                    proxy.CheckConnectSsl = true;
                    proxy.Fields["CheckConnectSsl"] = Here(line, field + " ssl");
                    break;
                case "port":
                    if (TryInt(line, ++i, field + " port", out var port))
                    {
                        proxy.CheckConnectPort = port;
                        proxy.Fields["Check.Port"] = Here(line, field + " port");
                    }

                    break;
                case "sni":
                    proxy.CheckConnectSni = line[++i];
                    break;
                case "default" or "linger" or "via-socks4" or "send-proxy":
                    break;
                case "alpn" or "addr" or "proto" or "comment":
                    i++;
                    break;
                default:
                    Unsupported(line, field + " " + line[i], "connect takes port, ssl and sni");
                    return;
            }
        }
    }
}
