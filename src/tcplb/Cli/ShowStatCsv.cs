using System.Globalization;
using System.Text;
using HaKube.Tcplb.Runtime;

namespace HaKube.Tcplb.Cli;

/// <summary>
/// <c>tcplb status --csv</c>: the rows and columns of HAProxy 2.6's <c>show stat</c> (management.txt 9.1), so
/// dashboards and scripts that read HAProxy's CSV keep working. Columns that mean nothing for tcplb (HTTP, SSL, H2,
/// agents) are left empty, as HAProxy leaves those of a TCP proxy.
/// </summary>
internal static class ShowStatCsv
{
    /// <summary>HAProxy 2.6.12's header, column for column (captured from "show stat" on Debian 12).</summary>
    public const string Header =
        "# pxname,svname,qcur,qmax,scur,smax,slim,stot,bin,bout,dreq,dresp,ereq,econ,eresp,wretr,wredis,status,weight,act,bck,chkfail,chkdown,lastchg,downtime,qlimit,pid,iid,sid,throttle,lbtot,tracked,type,rate,rate_lim,rate_max,check_status,check_code,check_duration,hrsp_1xx,hrsp_2xx,hrsp_3xx,hrsp_4xx,hrsp_5xx,hrsp_other,hanafail,req_rate,req_rate_max,req_tot,cli_abrt,srv_abrt,comp_in,comp_out,comp_byp,comp_rsp,lastsess,last_chk,last_agt,qtime,ctime,rtime,ttime,agent_status,agent_code,agent_duration,check_desc,agent_desc,check_rise,check_fall,check_health,agent_rise,agent_fall,agent_health,addr,cookie,mode,algo,conn_rate,conn_rate_max,conn_tot,intercepted,dcon,dses,wrew,connect,reuse,cache_lookups,cache_hits,srv_icur,src_ilim,qtime_max,ctime_max,rtime_max,ttime_max,eint,idle_conn_cur,safe_conn_cur,used_conn_cur,need_conn_est,uweight,agg_server_status,agg_server_check_status,agg_check_status,-,ssl_sess,ssl_reused_sess,ssl_failed_handshake,h2_headers_rcvd,h2_data_rcvd,h2_settings_rcvd,h2_rst_stream_rcvd,h2_goaway_rcvd,h2_detected_conn_protocol_errors,h2_detected_strm_protocol_errors,h2_rst_stream_resp,h2_goaway_resp,h2_open_connections,h2_backend_open_streams,h2_total_connections,h2_backend_total_streams,h1_open_connections,h1_open_streams,h1_total_connections,h1_total_streams,h1_bytes_in,h1_bytes_out,h1_spliced_bytes_in,h1_spliced_bytes_out,";

    public static readonly string[] Columns = Header[2..].TrimEnd(',').Split(',');

    public static string Format(StatusReport report) => Format(report, DateTimeOffset.UtcNow);

    public static string Format(StatusReport report, DateTimeOffset now)
    {
        var sb = new StringBuilder(Header).Append('\n');
        var iid = 0;
        foreach (var f in report.Frontends)
        {
            iid++;
            Row(sb, new()
            {
                ["pxname"] = f.Name,
                ["svname"] = "FRONTEND",
                ["scur"] = N(f.Active),
                ["smax"] = N(f.MaxActive),
                ["slim"] = f.MaxConn > 0 ? N(f.MaxConn) : "",
                ["status"] = f.Listen.Count > 0 ? "OPEN" : "STOP",
                ["pid"] = "1",
                ["iid"] = N(iid),
                ["sid"] = "0",
                ["type"] = "0",
                ["mode"] = "tcp",
            });
        }

        foreach (var b in report.Backends)
        {
            iid++;
            foreach (var s in b.Servers)
            {
                Row(sb, new()
                {
                    ["pxname"] = b.Name,
                    ["svname"] = s.Name,
                    ["qcur"] = "0",
                    ["qmax"] = "0",
                    ["scur"] = N(s.Active),
                    ["smax"] = N(s.MaxActive),
                    ["slim"] = s.MaxConn > 0 ? N(s.MaxConn) : "",
                    ["stot"] = N(s.Sessions),
                    ["bin"] = N(s.BytesIn),
                    ["bout"] = N(s.BytesOut),
                    ["dresp"] = "0",
                    ["econ"] = N(s.ConnectFailures),
                    ["eresp"] = "0",
                    ["wretr"] = "0",
                    ["wredis"] = "0",
                    ["status"] = s.Status,
                    ["weight"] = N(s.EffectiveWeight),
                    ["act"] = s.Backup ? "0" : "1",
                    ["bck"] = s.Backup ? "1" : "0",
                    ["chkfail"] = s.CheckEnabled ? N(s.FailedChecks) : "",
                    ["chkdown"] = s.CheckEnabled ? N(s.Downs) : "",
                    ["lastchg"] = N(Seconds(now - (s.LastChange ?? report.StartedAt))),
                    ["downtime"] = s.CheckEnabled ? N((long)s.DowntimeSeconds) : "",
                    ["qlimit"] = s.MaxQueue > 0 ? N(s.MaxQueue) : "",
                    ["pid"] = "1",
                    ["iid"] = N(iid),
                    ["sid"] = N(s.Id),
                    ["lbtot"] = N(s.Sessions),
                    ["type"] = "2",
                    ["check_status"] = CheckStatus(s),
                    ["check_code"] = s.CheckCode is { } code ? N(code) : "",
                    ["check_duration"] = s.CheckDurationMs is { } ms ? N(ms) : "",
                    ["last_chk"] = s.CheckInfo ?? "",
                    ["check_desc"] = CheckDescription(s),
                    ["check_rise"] = s.CheckEnabled ? N(s.CheckRise) : "",
                    ["check_fall"] = s.CheckEnabled ? N(s.CheckFall) : "",
                    ["check_health"] = s.CheckEnabled ? N(s.CheckHealth) : "",
                    ["addr"] = s.Address,
                    ["mode"] = "tcp",
                    ["uweight"] = N(s.Weight),
                });
            }

            var up = b.Servers.Where(s => !s.Status.StartsWith("DOWN", StringComparison.Ordinal) && s.Status is not ("MAINT" or "DRAIN")).ToList();
            Row(sb, new()
            {
                ["pxname"] = b.Name,
                ["svname"] = "BACKEND",
                ["qcur"] = N(b.Queued),
                ["qmax"] = N(b.QueueMax),
                ["scur"] = N(b.Active),
                ["smax"] = N(b.Servers.Sum(s => s.MaxActive)),
                ["stot"] = N(b.Sessions),
                ["bin"] = N(b.BytesIn),
                ["bout"] = N(b.BytesOut),
                ["dreq"] = "0",
                ["dresp"] = "0",
                ["econ"] = N(b.Servers.Sum(s => s.ConnectFailures)),
                ["eresp"] = "0",
                ["wretr"] = "0",
                ["wredis"] = N(b.Redispatches),
                ["status"] = up.Count > 0 ? "UP" : "DOWN",
                ["weight"] = N(up.Sum(s => s.EffectiveWeight)),
                ["act"] = N(up.Count(s => !s.Backup)),
                ["bck"] = N(up.Count(s => s.Backup)),
                ["chkdown"] = N(b.Servers.Sum(s => s.Downs)),
                ["lastchg"] = N(Seconds(now - (b.Servers.Max(s => s.LastChange) ?? report.StartedAt))),
                ["downtime"] = up.Count > 0 ? "0" : N((long)b.Servers.Min(s => s.DowntimeSeconds)),
                ["pid"] = "1",
                ["iid"] = N(iid),
                ["sid"] = "0",
                ["lbtot"] = N(b.Sessions),
                ["type"] = "1",
                ["mode"] = "tcp",
                ["algo"] = b.Balance,
                ["uweight"] = N(b.Servers.Where(s => !s.Backup).Sum(s => s.Weight)),
            });
        }

        return sb.ToString();
    }

    private static void Row(StringBuilder sb, Dictionary<string, string> values)
    {
        foreach (var column in Columns)
        {
            sb.Append(values.TryGetValue(column, out var value) ? Escape(value) : "").Append(',');
        }

        sb.Append('\n');
    }

    /// <summary>HAProxy's check_status: the last check's code from the checks, "INI" before the first (stats.c), empty without check.</summary>
    private static string CheckStatus(ServerStatusInfo s) => !s.CheckEnabled ? "" : s.CheckStatus ?? "INI";

    private static string CheckDescription(ServerStatusInfo s) => !s.CheckEnabled ? "" : s.CheckDescription ?? "Initializing";

    private static long Seconds(TimeSpan t) => Math.Max(0, (long)t.TotalSeconds);

    private static string N(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>HAProxy writes fields raw; a comma would shift every later column, so it is replaced.</summary>
    private static string Escape(string value) => value.Replace(',', ';').Replace('\n', ' ');
}
