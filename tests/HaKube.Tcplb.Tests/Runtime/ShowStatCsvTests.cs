using HaKube.Tcplb.Cli;
using HaKube.Tcplb.Health;
using HaKube.Tcplb.Runtime;
using HaKube.Tcplb.Tests.Configuration;

namespace HaKube.Tcplb.Tests.Runtime;

public sealed class ShowStatCsvTests
{
    [Fact]
    public void Header_IsHaproxy26s_AndEveryRowHasItsColumnCount()
    {
        var golden = File.ReadAllLines(TestFiles.Path("haproxy-2.6-show-stat.csv"));
        var f = new RuntimeFixture();
        var model = f.Build("""
              default-server rise 2 fall 2 maxconn 250 maxqueue 256 weight 100
              server s1 198.18.0.2:6443 check
              server s2 198.18.0.3:6443
            """);
        model.Backends[0].ReportCheck(0, CheckOutcome.Fail("connection refused"));
        var report = Report(f, WithCheck(model.Backends[0].Status(), new ServerCheckReport("L4CON", "Layer4 connection problem", "Connection refused", null, TimeSpan.Zero, false)))
            with { Frontends = [new FrontendStatus { Name = "fe", Backend = "be", Listen = ["198.18.0.1:6443"], Active = 0 }] };

        var lines = ShowStatCsv.Format(report, f.Time.GetUtcNow()).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(golden[0], lines[0]);
        var columns = golden[0].Split(',').Length;
        Assert.All(lines, l => Assert.Equal(columns, l.Split(',').Length));
        Assert.Equal(["fe,FRONTEND", "be,s1", "be,s2", "be,BACKEND"], lines.Skip(1).Select(l => string.Join(',', l.Split(',').Take(2))));
        var s1 = lines[2].Split(',');
        var header = golden[0][2..].Split(',');
        string Field(string[] row, string name) => row[Array.IndexOf(header, name)];
        Assert.Equal("DOWN", Field(s1, "status"));
        // The check columns as HAProxy fills them for a refused connect (the golden row of HAProxy itself).
        foreach (var column in new[] { "check_status", "check_code", "check_duration", "last_chk", "check_desc" })
        {
            Assert.Equal(Field(golden[2].Split(','), column), Field(s1, column));
        }

        Assert.Equal("250", Field(s1, "slim"));
        Assert.Equal("no check", Field(lines[3].Split(','), "status"));
        Assert.Equal("UP", Field(lines[4].Split(','), "status"));
        Assert.Equal("roundrobin", Field(lines[4].Split(','), "algo"));
        // The golden rows from HAProxy itself agree on the same fields.
        Assert.Equal("DOWN", Field(golden[2].Split(','), "status"));
        Assert.Equal("no check", Field(golden[3].Split(','), "status"));
    }

    [Fact]
    public void LayerSevenCheck_FillsCheckCodeWithTheHttpStatus_AndMarksACheckInProgress()
    {
        var f = new RuntimeFixture();
        var model = f.Build("  server s1 198.18.0.11:6443 check");
        var report = Report(f, WithCheck(model.Backends[0].Status(), new ServerCheckReport("L7STS", "Layer7 wrong status", "500 Internal Server Error", 500, TimeSpan.FromMilliseconds(12.7), true)));
        var lines = ShowStatCsv.Format(report, f.Time.GetUtcNow()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var header = lines[0][2..].Split(',');
        var row = lines[1].Split(',');
        string Field(string name) => row[Array.IndexOf(header, name)];

        Assert.Equal(("* L7STS", "500", "12", "500 Internal Server Error", "Layer7 wrong status"), (Field("check_status"), Field("check_code"), Field("check_duration"), Field("last_chk"), Field("check_desc")));
    }

    private static StatusReport Report(RuntimeFixture f, BackendStatus backend) => new()
    {
        Pid = 1,
        ConfigFile = "test.cfg",
        Format = "haproxy",
        StartedAt = f.Time.GetUtcNow(),
        Listening = true,
        ActiveConnections = 0,
        Frontends = [],
        Backends = [backend],
    };

    /// <summary>What the daemon adds from its checks to the first server.</summary>
    private static BackendStatus WithCheck(BackendStatus backend, ServerCheckReport check)
        => backend with
        {
            Servers = [.. backend.Servers.Select((s, i) => i == 0 ? s.WithCheck(check) : s)],
        };
}
