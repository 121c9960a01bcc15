using System.Collections.Immutable;
using System.Globalization;
using HaKube.Tcplb.Configuration.Haproxy;

namespace HaKube.Tcplb.Configuration.Native;

internal sealed partial class NativeConfigReader
{
    /// <summary>YARP's consecutive-failures policy reads its threshold (tcplb's fall) from this cluster metadata key.</summary>
    private const string YarpThresholdKey = "ConsecutiveFailuresHealthPolicy.Threshold";

    private BackendOptions MapBackend(string name, ClusterJson json, string path)
    {
        var tcplb = json.Tcplb ?? new ClusterTcplbJson();
        var fields = new Dictionary<string, FieldSource>();
        Track(fields, nameof(BackendOptions.Balance), $"{path}.LoadBalancingPolicy");
        Track(fields, nameof(BackendOptions.RandomDraws), $"{path}.Tcplb.RandomDraws");
        Track(fields, "Retry.Retries", $"{path}.Tcplb.Retries");
        Track(fields, "Timeouts.Connect", $"{path}.Tcplb.Timeouts.Connect");
        Track(fields, "Timeouts.Server", $"{path}.Tcplb.Timeouts.Server");
        Track(fields, "Timeouts.Tunnel", $"{path}.Tcplb.Timeouts.Tunnel");
        Track(fields, "Timeouts.ServerFin", $"{path}.Tcplb.Timeouts.ServerFin");
        Track(fields, "Timeouts.Queue", $"{path}.Tcplb.Timeouts.Queue");
        Track(fields, "Timeouts.Check", $"{path}.HealthCheck.Active.Timeout");
        Track(fields, "HttpCheck.Path", $"{path}.HealthCheck.Active.Path");
        Track(fields, "HttpCheck.Method", $"{path}.Tcplb.Check.Method");
        Track(fields, "HttpCheck.ExpectedStatuses", $"{path}.Tcplb.Check.ExpectStatus");

        var (balance, draws) = Balance(json.LoadBalancingPolicy, $"{path}.LoadBalancingPolicy");
        var check = MapCheck(json, tcplb.Check ?? new CheckJson(), path);
        var httpCheck = check.Type is HealthCheckType.Http or HealthCheckType.Https
            ? new HttpCheckOptions
            {
                Method = tcplb.Check?.Method ?? "GET",
                Path = json.HealthCheck?.Active?.Path ?? "/readyz",
                ExpectedStatuses = Statuses(tcplb.Check?.ExpectStatus, $"{path}.Tcplb.Check.ExpectStatus"),
            }
            : null;
        if (httpCheck is null && json.HealthCheck?.Active?.Path is not null)
        {
            Warning($"{path}.HealthCheck.Active.Path", $"the check path is used by Http and Https checks only; this cluster's check type is {check.Type}");
        }

        var servers = ImmutableArray.CreateBuilder<ServerOptions>();
        var defaults = tcplb.DefaultServer ?? new ServerSettingsJson();
        foreach (var (serverName, destination) in json.Destinations ?? [])
        {
            servers.Add(MapServer(serverName, destination, defaults, check, path));
        }

        var connect = Time(tcplb.Timeouts?.Connect, $"{path}.Tcplb.Timeouts.Connect") ?? OptionDefaults.NativeConnect;
        return new BackendOptions
        {
            Name = name,
            Balance = balance,
            RandomDraws = tcplb.RandomDraws ?? draws,
            AllBackups = tcplb.AllBackups ?? false,
            Servers = servers.ToImmutable(),
            HttpCheck = httpCheck,
            Retry = new RetryOptions
            {
                Retries = tcplb.Retries ?? OptionDefaults.Retries,
                Redispatch = tcplb.Redispatch ?? true,
                RedispatchInterval = tcplb.RedispatchInterval ?? 1,
            },
            Timeouts = new BackendTimeouts
            {
                Connect = connect,
                Server = Time(tcplb.Timeouts?.Server, $"{path}.Tcplb.Timeouts.Server") ?? OptionDefaults.NativeServer,
                Tunnel = Time(tcplb.Timeouts?.Tunnel, $"{path}.Tcplb.Timeouts.Tunnel") ?? OptionDefaults.NativeTunnel,
                ServerFin = Time(tcplb.Timeouts?.ServerFin, $"{path}.Tcplb.Timeouts.ServerFin") ?? OptionDefaults.NativeClientFin,
                Queue = Time(tcplb.Timeouts?.Queue, $"{path}.Tcplb.Timeouts.Queue") ?? connect,
                Check = Time(json.HealthCheck?.Active?.Timeout, $"{path}.HealthCheck.Active.Timeout"),
            },
            Source = Source(path, fields),
        };
    }

    private (BalanceAlgorithm Algorithm, int Draws) Balance(string? policy, string path)
    {
        switch (policy?.ToUpperInvariant())
        {
            case null or "ROUNDROBIN":
                return (BalanceAlgorithm.RoundRobin, 2);
            case "LEASTREQUESTS" or "LEASTCONN":
                return (BalanceAlgorithm.LeastConn, 2);
            case "POWEROFTWOCHOICES":
                return (BalanceAlgorithm.Random, 2);
            case "RANDOM":
                return (BalanceAlgorithm.Random, 1);
            case "SOURCE":
                return (BalanceAlgorithm.Source, 2);
            default:
                Error(path, $"'{policy}' is not a balancing policy: use RoundRobin, LeastRequests, PowerOfTwoChoices, Random or Source");
                return (BalanceAlgorithm.RoundRobin, 2);
        }
    }

    /// <summary>The check shared by a cluster's servers; each server then says whether it is checked.</summary>
    private ServerCheckOptions MapCheck(ClusterJson cluster, CheckJson json, string path)
    {
        var active = cluster.HealthCheck?.Active ?? new ActiveHealthCheckJson();
        if (active.Policy is not null && !string.Equals(active.Policy, "ConsecutiveFailures", StringComparison.OrdinalIgnoreCase))
        {
            Error($"{path}.HealthCheck.Active.Policy", $"'{active.Policy}' is not supported: tcplb's policy is ConsecutiveFailures (rise successes up, fall failures down)");
        }

        var type = HealthCheckType.Tcp;
        if (json.Type is not null && !Enum.TryParse(json.Type, ignoreCase: true, out type))
        {
            Error($"{path}.Tcplb.Check.Type", $"'{json.Type}' is not a check type: use Tcp, Tls, Http or Https");
        }

        var fall = json.Fall;
        if (fall is null && cluster.Metadata?.TryGetValue(YarpThresholdKey, out var threshold) == true)
        {
            if (int.TryParse(threshold, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
            {
                fall = parsed;
            }
            else
            {
                Error($"{path}.Metadata.{YarpThresholdKey}", $"'{threshold}' is not an integer");
            }
        }

        var verify = TlsVerify.Required;
        if (json.Verify is not null && !Enum.TryParse(json.Verify, ignoreCase: true, out verify))
        {
            Error($"{path}.Tcplb.Check.Verify", $"'{json.Verify}' is not allowed: write None or Required");
        }

        return new ServerCheckOptions
        {
            Enabled = active.Enabled ?? false,
            Type = type,
            Inter = Time(active.Interval, $"{path}.HealthCheck.Active.Interval") ?? OptionDefaults.Inter,
            FastInter = Time(json.FastInter, $"{path}.Tcplb.Check.FastInter"),
            DownInter = Time(json.DownInter, $"{path}.Tcplb.Check.DownInter"),
            Rise = json.Rise ?? OptionDefaults.Rise,
            Fall = fall ?? OptionDefaults.Fall,
            Port = json.Port,
            PassiveMarkDown = cluster.HealthCheck?.Passive?.Enabled ?? true,
            Tls = new CheckTlsOptions
            {
                Verify = verify,
                CaFile = json.CaFile,
                ClientCertificateFile = json.ClientCertificate,
                ClientKeyFile = json.ClientKey,
                Sni = json.Sni,
            },
        };
    }

    private ImmutableArray<StatusRange> Statuses(string? text, string path)
    {
        if (text is null)
        {
            return [new StatusRange(200, 399)];
        }

        if (HaproxyConfigReader.TryParseStatuses(text, out var statuses, out var error))
        {
            return [.. statuses];
        }

        Error(path, error);
        return [new StatusRange(200, 399)];
    }

    private ServerOptions MapServer(string name, DestinationJson json, ServerSettingsJson defaults, ServerCheckOptions check, string clusterPath)
    {
        var path = $"{clusterPath}.Destinations.{name}";
        var own = json.Tcplb ?? new ServerSettingsJson();
        var fields = new Dictionary<string, FieldSource>();
        Track(fields, nameof(ServerOptions.Address), $"{path}.Address");
        foreach (var property in new[] { "Weight", "MaxConn", "MaxQueue", "Backup", "SlowStart", "SessionCloseGrace" })
        {
            Track(fields, property, $"{clusterPath}.Tcplb.DefaultServer.{property}");
            Track(fields, property, $"{path}.Tcplb.{property}");
        }

        var checkPath = $"{clusterPath}.Tcplb.Check";
        foreach (var (property, jsonName) in new[] { ("Check.Rise", "Rise"), ("Check.Fall", "Fall"), ("Check.Port", "Port"), ("Check.FastInter", "FastInter"), ("Check.DownInter", "DownInter"), ("Check.Tls.Verify", "Verify"), ("Check.Tls.CaFile", "CaFile"), ("Check.Tls.ClientKeyFile", "ClientKey"), ("Check.Type", "Type") })
        {
            Track(fields, property, $"{checkPath}.{jsonName}");
        }

        Track(fields, "Check.Inter", $"{clusterPath}.HealthCheck.Active.Interval");
        var slowStartPath = own.SlowStart is not null ? $"{path}.Tcplb.SlowStart" : $"{clusterPath}.Tcplb.DefaultServer.SlowStart";
        var gracePath = own.SessionCloseGrace is not null ? $"{path}.Tcplb.SessionCloseGrace" : $"{clusterPath}.Tcplb.DefaultServer.SessionCloseGrace";
        return new ServerOptions
        {
            Name = name,
            Address = Address(json.Address, $"{path}.Address"),
            Weight = own.Weight ?? defaults.Weight ?? 1,
            MaxConn = own.MaxConn ?? defaults.MaxConn ?? 0,
            MaxQueue = own.MaxQueue ?? defaults.MaxQueue ?? 0,
            Backup = own.Backup ?? defaults.Backup ?? false,
            Disabled = own.Disabled ?? defaults.Disabled ?? false,
            SlowStart = Time(own.SlowStart ?? defaults.SlowStart, slowStartPath) ?? TimeSpan.Zero,
            SessionCloseGrace = Grace(own.SessionCloseGrace ?? defaults.SessionCloseGrace, gracePath),
            Check = check with { Enabled = check.Enabled && (own.Check ?? defaults.Check ?? true) },
            Source = Source(path, fields),
        };
    }

    private SessionCloseGrace Grace(string? text, string path)
    {
        if (text is null)
        {
            return SessionCloseGrace.Default;
        }

        if (string.Equals(text, "never", StringComparison.OrdinalIgnoreCase))
        {
            return SessionCloseGrace.Never;
        }

        return Time(text, path) is { } delay ? new SessionCloseGrace(delay) : SessionCloseGrace.Default;
    }

    /// <summary>"host:port", "[v6]:port", or a URI as YARP writes destinations ("https://172.16.0.4:6443/"; the scheme's port when none).</summary>
    private ServerAddress Address(string? text, string path)
    {
        var fallback = new ServerAddress("", null, null);
        if (string.IsNullOrEmpty(text))
        {
            Error(path, "a destination needs an Address such as 172.16.0.4:6443 or https://172.16.0.4:6443");
            return fallback;
        }

        var hostPort = text;
        int? schemePort = null;
        var scheme = text.IndexOf("://", StringComparison.Ordinal);
        if (scheme >= 0)
        {
            schemePort = text[..scheme].ToUpperInvariant() switch
            {
                "HTTPS" => 443,
                "HTTP" => 80,
                "TCP" => null,
                _ => -1,
            };
            if (schemePort == -1)
            {
                Error(path, $"'{text}': the scheme is https, http or tcp");
                return fallback;
            }

            hostPort = text[(scheme + 3)..].TrimEnd('/');
        }

        if (!AddressParser.TryParse(hostPort, wildcardAllowed: false, out var parsed, out var error))
        {
            Error(path, error);
            return fallback;
        }

        var port = parsed.Port ?? schemePort;
        if (port is null)
        {
            Error(path, $"'{text}' has no port: write address:port (e.g. 172.16.0.4:6443)");
        }

        return new ServerAddress(parsed.Host!, parsed.Ip, port);
    }
}
