using System.Globalization;
using System.Text;
using HaKube.Tcplb.Runtime;

namespace HaKube.Tcplb.Cli;

/// <summary>The human layout of <c>tcplb status</c>: one block per frontend and backend, one line per server.</summary>
internal static class StatusText
{
    public static string Format(StatusReport report)
    {
        var c = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.Append(c, $"tcplb pid {report.Pid}, {report.ConfigFile} ({report.Format}), {(report.Listening ? "listening" : "NOT listening")}, {Count(report.ActiveConnections, report.MaxConn)} connections, up since {report.StartedAt:u}");
        if (report.ReloadedAt is { } reloaded)
        {
            sb.Append(c, $", reloaded {reloaded:u}");
        }

        sb.Append('\n');
        if (report.Memory is { } m)
        {
            sb.Append(c, $"memory: {Megabytes(m.ResidentBytes)} resident; GC heap {Megabytes(m.GcHeapBytes)}, {Megabytes(m.GcCommittedBytes)} committed, gen0 budget up to {Megabytes(m.Gen0BudgetMaxBytes)}; {m.Gen0Collections} gen0 and {m.Gen2Collections} gen2 collections\n");
        }

        foreach (var f in report.Frontends)
        {
            sb.Append(c, $"frontend {f.Name}: {(f.Listen.Count == 0 ? "not listening" : string.Join(' ', f.Listen))}, {Count(f.Active, f.MaxConn)} connections (most {f.MaxActive}) -> {f.Backend ?? "(no backend)"}\n");
        }

        foreach (var b in report.Backends)
        {
            sb.Append(c, $"backend {b.Name}: {b.Balance}, {b.Healthy}/{b.Total} servers up, {b.Active} active, {b.Queued} queued (max {b.QueueMax}), {b.Sessions} total, {b.Redispatches} redispatched, {b.Refused} refused\n");
            sb.Append(c, $"  {"SERVER",-20} {"STATUS",-9} {"ADMIN",-6} {"WEIGHT",-8} {"ACTIVE",7} {"TOTAL",8} {"BYTES-IN",12} {"BYTES-OUT",12} {"CONNFAIL",8} {"DOWNTIME",9}  LAST CHECK\n");
            foreach (var s in b.Servers)
            {
                var weight = s.EffectiveWeight == s.Weight ? s.Weight.ToString(c) : $"{s.EffectiveWeight}/{s.Weight}";
                var lastCheck = s.LastCheckAt is { } at
                    ? $"{(s.LastCheckPassed == true ? "ok" : "failed")}: {s.LastCheck} ({(DateTimeOffset.UtcNow - at).TotalSeconds:0.#} s ago)"
                    : s.CheckEnabled ? "not yet" : "no check";
                sb.Append(c, $"  {s.Name,-20} {s.Status,-9} {s.Admin,-6} {weight,-8} {s.Active,7} {s.Sessions,8} {s.BytesIn,12} {s.BytesOut,12} {s.ConnectFailures,8} {s.DowntimeSeconds,8:0.#}s  {lastCheck}\n");
            }
        }

        foreach (var log in report.Logs)
        {
            sb.Append(c, $"log {log.Target}: {(log.Available ? "ok" : $"UNREACHABLE ({log.LastError})")}, {log.Sent} sent, {log.Dropped} dropped, {log.Failed} lost\n");
        }

        if (report.LogDropped > 0 || report.LogFailed > 0)
        {
            sb.Append(c, $"log lines dropped (queue or buffer full): {report.LogDropped}, lost (target unreachable): {report.LogFailed}\n");
        }

        return sb.ToString();
    }

    private static string Megabytes(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1048576.0:0.0} MB");

    /// <summary>"3/4000": live connections and their maxconn; the count alone when there is no limit.</summary>
    private static string Count(int active, int maxConn)
        => maxConn > 0 ? string.Create(CultureInfo.InvariantCulture, $"{active}/{maxConn}") : active.ToString(CultureInfo.InvariantCulture);
}
