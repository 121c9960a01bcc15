using System.Collections.Immutable;

namespace HaKube.Tcplb.Configuration.Haproxy;

internal sealed partial class HaproxyConfigReader
{
    private TcplbOptions Build()
    {
        var frontends = ImmutableArray.CreateBuilder<FrontendOptions>();
        var backends = ImmutableArray.CreateBuilder<BackendOptions>();
        foreach (var proxy in _proxies)
        {
            if (proxy.Mode == "http")
            {
                var mode = proxy.Fields["Mode"];
                _diagnostics.Error(_file, mode.Line, "mode", $"{SectionName(proxy.Kind)} '{proxy.Name}' is in mode http: tcplb is a layer-4 balancer, write 'mode tcp' in this section");
            }

            var source = new ConfigSource(_file, proxy.Line, proxy.Fields.ToImmutableDictionary());
            if (proxy.Kind is ProxySectionKind.Frontend or ProxySectionKind.Listen)
            {
                frontends.Add(BuildFrontend(proxy, source));
            }

            if (proxy.Kind is ProxySectionKind.Backend or ProxySectionKind.Listen)
            {
                backends.Add(BuildBackend(proxy, source));
            }
        }

        return new TcplbOptions
        {
            Format = ConfigFormat.Haproxy,
            File = _file,
            Global = new GlobalOptions
            {
                MaxConn = _global.MaxConn,
                Logs = [.. _global.Logs],
                LogLevel = _global.Logs.Count == 0 ? SyslogLevel.Info : _global.Logs.Max(l => l.MaxLevel),
                LogHeader = new LogHeader(_global.LogTag ?? LogHeader.DefaultTag, _global.SendHostname),
                PidFile = _global.PidFile,
                User = _global.User,
                Group = _global.Group,
                Source = new ConfigSource(_file, _global.Line, _global.Fields.ToImmutableDictionary()),
            },
            Frontends = frontends.ToImmutable(),
            Backends = backends.ToImmutable(),
        };
    }

    /// <summary>A section's targets: the global ones when it says 'log global' (as HAProxy resolves it), then its own.</summary>
    private ImmutableArray<LogTargetOptions> LogTargets(ProxyBuilder proxy)
        => [.. (proxy.LogGlobal ? _global.Logs : []).Concat(proxy.Logs)];

    /// <summary>A section's log header: its own log-tag (or its defaults'), else the global one; the global host name.</summary>
    private LogHeader Header(ProxyBuilder proxy) => new(proxy.LogTag ?? _global.LogTag ?? LogHeader.DefaultTag, _global.SendHostname);

    private FrontendOptions BuildFrontend(ProxyBuilder proxy, ConfigSource source)
    {
        if (proxy.TimeoutClient is null)
        {
            _diagnostics.Warning(_file, proxy.Line, "timeout client", $"{SectionName(proxy.Kind)} '{proxy.Name}' has no 'timeout client': idle clients are never closed (HAProxy warns likewise)");
        }

        return new FrontendOptions
        {
            Name = proxy.Name,
            Binds = [.. proxy.Binds],
            MaxConn = proxy.MaxConn,
            DefaultBackend = proxy.DefaultBackend ?? (proxy.Kind == ProxySectionKind.Listen ? proxy.Name : null),
            Timeouts = new FrontendTimeouts
            {
                Client = proxy.TimeoutClient ?? Timeout.InfiniteTimeSpan,
                ClientFin = proxy.TimeoutClientFin,
            },
            LogConnections = proxy.LogConnections ?? false,
            DontLogNull = proxy.DontLogNull ?? false,
            LogTargets = LogTargets(proxy),
            LogDisabled = proxy.NoLog && LogTargets(proxy).IsEmpty,
            LogHeader = Header(proxy),
            Source = source,
        };
    }

    private BackendOptions BuildBackend(ProxyBuilder proxy, ConfigSource source)
    {
        if (proxy.TimeoutConnect is null || proxy.TimeoutServer is null)
        {
            _diagnostics.Warning(_file, proxy.Line, proxy.TimeoutConnect is null ? "timeout connect" : "timeout server", $"{SectionName(proxy.Kind)} '{proxy.Name}' misses 'timeout connect' or 'timeout server': without them a connect or an idle server waits forever (HAProxy warns likewise)");
        }

        if (proxy.HttpCheck != true && (proxy.HttpCheckPath is not null || proxy.HttpCheckStatuses is not null))
        {
            _diagnostics.Warning(_file, proxy.Line, "http-check", $"{SectionName(proxy.Kind)} '{proxy.Name}' has http-check rules but no 'option httpchk': they are ignored and checks are TCP connects");
        }

        var connect = proxy.TimeoutConnect ?? Timeout.InfiniteTimeSpan;
        return new BackendOptions
        {
            Name = proxy.Name,
            Balance = proxy.Balance ?? BalanceAlgorithm.RoundRobin,
            RandomDraws = proxy.RandomDraws ?? 2,
            AllBackups = proxy.AllBackups ?? false,
            Servers = [.. proxy.Servers.Select(s => BuildServer(proxy, s))],
            HttpCheck = proxy.HttpCheck == true
                ? new HttpCheckOptions
                {
                    Method = proxy.HttpCheckMethod ?? "OPTIONS",
                    Path = proxy.HttpCheckPath ?? "/",
                    ExpectedStatuses = proxy.HttpCheckStatuses is { } statuses ? [.. statuses] : [new StatusRange(200, 399)],
                }
                : null,
            LogTargets = LogTargets(proxy),
            LogDisabled = proxy.NoLog && LogTargets(proxy).IsEmpty,
            LogHeader = Header(proxy),
            Retry = new RetryOptions
            {
                Retries = proxy.Retries ?? OptionDefaults.Retries,
                // No 'option redispatch': HAProxy retries the same server; tcplb moves at once (--check says so).
                Redispatch = proxy.Redispatch ?? true,
                RedispatchInterval = proxy.RedispatchInterval ?? 1,
            },
            Timeouts = new BackendTimeouts
            {
                Connect = connect,
                Server = proxy.TimeoutServer ?? Timeout.InfiniteTimeSpan,
                Tunnel = proxy.TimeoutTunnel,
                ServerFin = proxy.TimeoutServerFin,
                Queue = proxy.TimeoutQueue ?? connect,
                Check = proxy.TimeoutCheck,
            },
            Source = source,
        };
    }
}
