using System.Collections.Immutable;

namespace HaKube.Tcplb.Configuration.Haproxy;

internal sealed partial class HaproxyConfigReader
{
    /// <summary>Server keywords that take one argument and mean nothing to tcplb.</summary>
    private static readonly string[] IgnoredServerWithArgument =
    [
        "id", "cookie", "resolvers", "resolve-prefer", "resolve-net", "resolve-opts", "init-addr", "agent-check", "agent-port",
        "agent-inter", "agent-addr", "agent-send", "error-limit", "observe", "on-error", "on-marked-up", "minconn", "alpn",
        "check-alpn", "check-proto", "proto", "ciphers", "ciphersuites", "ssl-min-ver", "ssl-max-ver", "verifyhost", "pool-max-conn",
        "pool-low-conn", "pool-purge-delay", "max-reuse", "tcp-ut", "namespace", "log-proto", "addr", "source", "redir", "track",
        "sni", "socks4", "set-proxy-v2-tlv-fmt", "proxy-v2-options", "usesrc", "crl-file", "shard", "hash-key",
    ];

    /// <summary>Server flags without argument that mean nothing to tcplb.</summary>
    private static readonly string[] IgnoredServerFlags =
    [
        "tfo", "no-tfo", "check-send-proxy", "no-verifyhost", "non-stick", "stick", "allow-0rtt", "no-ssl-reuse", "ssl-reuse",
        "no-tls-tickets", "tls-tickets", "force-sslv3", "force-tlsv10", "force-tlsv11", "force-tlsv12", "force-tlsv13",
        "no-sslv3", "no-tlsv10", "no-tlsv11", "no-tlsv12", "no-tlsv13", "check-via-socks4", "agent-check", "no-agent-check",
        "ws", "no-send-proxy", "no-send-proxy-v2", "ignore-persist", "no-ignore-persist",
    ];

    /// <summary>server &lt;name&gt; &lt;address&gt;[:[port]] [param*]: the default-server settings seen so far, then this line's.</summary>
    private void ReadServer(ProxyBuilder proxy, HaproxyLine line)
    {
        if (!RequireSide(proxy, line, frontend: false))
        {
            return;
        }

        if (proxy.Kind == ProxySectionKind.Defaults)
        {
            _diagnostics.Error(_file, line.Number, "server", "'server' is not allowed in a defaults section: put it in a backend or listen section");
            return;
        }

        if (!TryArgument(line, 1, "server", "a name and an address", out var name) || !TryArgument(line, 2, "server", "an address after the name", out var addressText))
        {
            return;
        }

        var settings = proxy.DefaultServer.Clone();
        ReadServerParameters(settings, line, 3, "server " + name);
        if (!AddressParser.TryParse(addressText, wildcardAllowed: false, out var hostPort, out var error))
        {
            _diagnostics.Error(_file, line.Number, "server " + name, error);
            return;
        }

        settings.Fields[nameof(ServerOptions.Address)] = Here(line, "server " + name);
        settings.Fields[nameof(ServerOptions.Name)] = Here(line, "server");

        // Port 0 or none: the port the client connected to (HAProxy).
        var port = hostPort.Port is 0 ? null : hostPort.Port;
        proxy.Servers.Add(new PendingServer(name, new ServerAddress(hostPort.Host!, hostPort.Ip, port), settings, line.Number));
    }

    /// <summary>Built at the end of the section: options such as httpchk apply to every server whatever their order.</summary>
    private ServerOptions BuildServer(ProxyBuilder proxy, PendingServer pending)
    {
        var (name, address, s, line) = pending;
        var tls = s.CheckSsl == true || proxy.CheckConnectSsl == true;
        var type = proxy.HttpCheck == true
            ? (tls ? HealthCheckType.Https : HealthCheckType.Http)
            : (tls ? HealthCheckType.Tls : HealthCheckType.Tcp);
        var fields = new Dictionary<string, FieldSource>(s.Fields);
        if (!fields.ContainsKey("Check.Port") && proxy.Fields.TryGetValue("Check.Port", out var connectPort))
        {
            fields["Check.Port"] = connectPort;
        }

        if (proxy.Fields.TryGetValue("CheckConnectSsl", out var ssl))
        {
            fields.TryAdd("Check.Type", ssl);
        }

        return new ServerOptions
        {
            Name = name,
            Address = address,
            Weight = s.Weight ?? 1,
            MaxConn = s.MaxConn ?? 0,
            MaxQueue = s.MaxQueue ?? 0,
            Backup = s.Backup ?? false,
            Disabled = s.Disabled ?? false,
            SlowStart = s.SlowStart ?? TimeSpan.Zero,
            SessionCloseGrace = s.ShutdownSessionsOnMarkedDown == true ? new SessionCloseGrace(TimeSpan.Zero) : SessionCloseGrace.Default,
            Check = new ServerCheckOptions
            {
                Enabled = s.Check ?? false,
                Type = type,
                Inter = s.Inter ?? OptionDefaults.Inter,
                FastInter = s.FastInter,
                DownInter = s.DownInter,
                Rise = s.Rise ?? OptionDefaults.Rise,
                Fall = s.Fall ?? OptionDefaults.Fall,
                Port = s.CheckPort ?? proxy.CheckConnectPort,
                Tls = new CheckTlsOptions
                {
                    Verify = s.Verify ?? _global.DefaultVerify,
                    CaFile = s.CaFile,
                    ClientCertificateFile = s.Crt,
                    Sni = s.CheckSni ?? proxy.CheckConnectSni,
                },
            },
            Source = new ConfigSource(_file, line, fields.ToImmutableDictionary()),
        };
    }

    private void ReadServerParameters(ServerBuilder s, HaproxyLine line, int start, string owner)
    {
        for (var i = start; i < line.Count; i++)
        {
            var keyword = line[i];
            switch (keyword)
            {
                case "check":
                    s.Check = true;
                    s.Fields["Check.Enabled"] = Here(line, "check");
                    break;
                case "no-check":
                    s.Check = false;
                    s.Fields["Check.Enabled"] = Here(line, "no-check");
                    break;
                case "check-ssl":
                    s.CheckSsl = true;
                    s.Fields["Check.Type"] = Here(line, "check-ssl");
                    break;
                case "no-check-ssl":
                    s.CheckSsl = false;
                    break;
                case "backup":
                    s.Backup = true;
                    s.Fields[nameof(ServerOptions.Backup)] = Here(line, "backup");
                    break;
                case "no-backup":
                    s.Backup = false;
                    break;
                case "disabled":
                    s.Disabled = true;
                    break;
                case "enabled":
                    s.Disabled = false;
                    break;
                case "weight":
                    s.Weight = Int(line, ++i, "weight", s, nameof(ServerOptions.Weight)) ?? s.Weight;
                    break;
                case "maxconn":
                    s.MaxConn = Int(line, ++i, "maxconn", s, nameof(ServerOptions.MaxConn)) ?? s.MaxConn;
                    break;
                case "maxqueue":
                    s.MaxQueue = Int(line, ++i, "maxqueue", s, nameof(ServerOptions.MaxQueue)) ?? s.MaxQueue;
                    break;
                case "rise":
                    s.Rise = Int(line, ++i, "rise", s, "Check.Rise") ?? s.Rise;
                    break;
                case "fall":
                    s.Fall = Int(line, ++i, "fall", s, "Check.Fall") ?? s.Fall;
                    break;
                case "port":
                    s.CheckPort = Int(line, ++i, "port", s, "Check.Port") ?? s.CheckPort;
                    break;
                case "inter":
                    s.Inter = Time(line, ++i, "inter", s, "Check.Inter") ?? s.Inter;
                    break;
                case "fastinter":
                    s.FastInter = Time(line, ++i, "fastinter", s, "Check.FastInter") ?? s.FastInter;
                    break;
                case "downinter":
                    s.DownInter = Time(line, ++i, "downinter", s, "Check.DownInter") ?? s.DownInter;
                    break;
                case "slowstart":
                    s.SlowStart = Time(line, ++i, "slowstart", s, nameof(ServerOptions.SlowStart)) ?? s.SlowStart;
                    break;
                case "verify":
                    i++;
                    if (line[i] is "none" or "required")
                    {
                        s.Verify = line[i] == "none" ? TlsVerify.None : TlsVerify.Required;
                        s.Fields["Check.Tls.Verify"] = Here(line, "verify");
                    }
                    else
                    {
                        _diagnostics.Error(_file, line.Number, "verify", $"'{line[i]}' is not allowed: write 'verify none' or 'verify required'");
                    }

                    break;
                case "ca-file":
                    s.CaFile = StringArgument(line, ++i, "ca-file", s, "Check.Tls.CaFile") ?? s.CaFile;
                    break;
                case "crt":
                    s.Crt = StringArgument(line, ++i, "crt", s, "Check.Tls.ClientCertificateFile") ?? s.Crt;
                    break;
                case "check-sni":
                    s.CheckSni = StringArgument(line, ++i, "check-sni", s, "Check.Tls.Sni") ?? s.CheckSni;
                    break;
                case "on-marked-down":
                    i++;
                    if (line[i] == "shutdown-sessions")
                    {
                        s.ShutdownSessionsOnMarkedDown = true;
                        s.Fields[nameof(ServerOptions.SessionCloseGrace)] = Here(line, "on-marked-down");
                    }
                    else
                    {
                        _diagnostics.Error(_file, line.Number, "on-marked-down", $"'{line[i]}' is not allowed: the only action is shutdown-sessions");
                    }

                    break;
                case "ssl" or "send-proxy" or "send-proxy-v2" or "send-proxy-v2-ssl" or "send-proxy-v2-ssl-cn":
                    Unsupported(line, keyword, $"{owner}: tcplb passes the client's bytes through untouched (for a TLS check write check-ssl)");
                    break;
                default:
                    if (IgnoredServerWithArgument.Contains(keyword))
                    {
                        Ignored(line, keyword, $"{owner}: it has no meaning for tcplb");
                        i++;
                    }
                    else if (IgnoredServerFlags.Contains(keyword))
                    {
                        Ignored(line, keyword, $"{owner}: it has no meaning for tcplb");
                    }
                    else
                    {
                        // HAProxy refuses an unknown server keyword; guessing its arguments could misread the rest of the line.
                        _diagnostics.Error(_file, line.Number, keyword, $"{owner}: unknown server keyword '{keyword}'; tcplb knows check, check-ssl, inter, fastinter, downinter, rise, fall, port, weight, maxconn, maxqueue, backup, disabled, slowstart, verify, ca-file, crt, check-sni, on-marked-down");
                        return;
                    }

                    break;
            }
        }
    }

    private int? Int(HaproxyLine line, int index, string field, ServerBuilder s, string key)
    {
        if (!TryInt(line, index, field, out var value))
        {
            return null;
        }

        s.Fields[key] = Here(line, field);
        return value;
    }

    private TimeSpan? Time(HaproxyLine line, int index, string field, ServerBuilder s, string key)
    {
        if (!TryTime(line, index, field, out var value))
        {
            return null;
        }

        s.Fields[key] = Here(line, field);
        return value;
    }

    private string? StringArgument(HaproxyLine line, int index, string field, ServerBuilder s, string key)
    {
        if (!TryArgument(line, index, field, "a value", out var value))
        {
            return null;
        }

        s.Fields[key] = Here(line, field);
        return value;
    }
}
