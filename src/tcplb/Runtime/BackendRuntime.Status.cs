using System.Globalization;
using HaKube.Tcplb.Balancing;
using HaKube.Tcplb.Health;

namespace HaKube.Tcplb.Runtime;

/// <summary>The backend's state for <c>tcplb status</c> and the metrics.</summary>
internal sealed partial class BackendRuntime
{
    public BackendStatus Status()
    {
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            var servers = new List<ServerStatusInfo>(_servers.Length);
            var healthy = 0;
            for (var i = 0; i < _servers.Length; i++)
            {
                var info = ServerStatusLocked(i, now);
                healthy += _health[i].IsUp && _servers[i].Admin != AdminState.Maint ? 1 : 0;
                servers.Add(info);
            }

            return new BackendStatus
            {
                Name = Name,
                Balance = Options.Balance.ToString().ToLowerInvariant(),
                Healthy = healthy,
                Total = _servers.Length,
                Active = servers.Sum(s => s.Active),
                Queued = _queueLive,
                QueueMax = _queueMax,
                QueueTimeouts = _queueTimeouts,
                Sessions = servers.Sum(s => s.Sessions),
                BytesIn = servers.Sum(s => s.BytesIn),
                BytesOut = servers.Sum(s => s.BytesOut),
                Redispatches = _redispatches,
                Refused = _refused,
                Servers = servers,
            };
        }
    }

    private ServerStatusInfo ServerStatusLocked(int i, DateTimeOffset now)
    {
        var server = _servers[i];
        var health = _health[i];
        var check = server.Options.Check;
        var snapshot = _snapshots[i] with { RecoveredAt = server.RecoveredAt };
        return new ServerStatusInfo
        {
            Name = server.Name,
            Id = server.Id,
            Address = server.Server.EndPoint.ToString(),
            Status = StatusText(server, health),
            Admin = server.Admin.ToString().ToLowerInvariant(),
            Backup = server.Options.Backup,
            Weight = server.Options.Weight,
            EffectiveWeight = (int)((SlowStart.EffectiveWeight(snapshot, now) + SlowStart.Scale - 1) / SlowStart.Scale),
            Active = server.Active,
            MaxActive = server.MaxActive,
            MaxConn = server.Options.MaxConn,
            MaxQueue = server.Options.MaxQueue,
            Sessions = server.Sessions,
            BytesIn = server.BytesIn,
            BytesOut = server.BytesOut,
            ConnectFailures = server.ConnectFailures,
            CheckEnabled = check.Enabled,
            CheckRise = check.Rise,
            CheckFall = check.Fall,
            CheckHealth = health.Health,
            FailedChecks = server.FailedChecks,
            Downs = server.Downs,
            DowntimeSeconds = Math.Round(server.Downtime(now).TotalSeconds, 3),
            LastChange = server.LastChange,
            LastCheckAt = health.LastCheckAt,
            LastCheckPassed = health.LastCheck?.Passed,
            LastCheck = health.LastCheck?.Detail,
            DownReason = health.IsUp ? null : health.DownReason == Health.DownReason.ConnectFailed ? "connect" : "check",
        };
    }

    /// <summary>HAProxy's status column: "UP", "UP 1/3" (going down), "DOWN", "DOWN 1/2" (going up), "DRAIN", "MAINT", "no check".</summary>
    internal static string StatusText(ServerRuntime server, in ServerHealthState health)
    {
        var check = server.Options.Check;
        var c = CultureInfo.InvariantCulture;
        if (server.Admin == AdminState.Maint)
        {
            return "MAINT";
        }

        if (!health.IsUp)
        {
            return health.Health > 0 ? string.Create(c, $"DOWN {health.Health}/{check.Rise}") : "DOWN";
        }

        if (server.Admin == AdminState.Drain)
        {
            return "DRAIN";
        }

        if (!check.Enabled)
        {
            return "no check";
        }

        var full = check.Rise + check.Fall - 1;
        return health.Health < full ? string.Create(c, $"UP {health.Health - check.Rise + 1}/{check.Fall}") : "UP";
    }
}
