using System.Buffers.Binary;
using HaKube.Installer.Lab;
using HaKube.Installer.Lab.Plot;
using ScottPlot;
using ScottPlot.Plottables;
using ScottPlot.TickGenerators;

namespace HaKube.Lab.Tests.Plot;

public sealed class FailoverChartTests
{
    private static readonly DateTimeOffset Kill = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>A failover recorded as the lab records it: probes every 10 ms failing in [failFrom, backAt), the VIP moving at removed/added.</summary>
    private static FailoverReport Report(LabMode mode, double failFrom, double backAt, double removed, double added)
    {
        var probes = new List<ProbeRecord>();
        for (var t = -500.0; t < backAt + 1000; t += 10)
        {
            var ok = t < failFrom || t >= backAt;
            probes.Add(new() { T = Kill.AddMilliseconds(t).ToUnixTimeMilliseconds(), Kind = "tcp", Ok = ok, Error = ok ? null : "ConnectionRefused" });
            probes.Add(new() { T = Kill.AddMilliseconds(t + 1).ToUnixTimeMilliseconds(), Kind = "tls", Ok = ok, Error = ok ? null : "ConnectionRefused" });
        }

        return FailoverAnalysis.Analyze(new FailoverObservation
        {
            Mode = mode,
            OldHolder = "lb1",
            OtherNode = "lb2",
            KilledProcess = mode == LabMode.HaKube ? "tcplb" : "haproxy",
            KilledPid = 42,
            KilledAt = Kill,
            OldMac = "02:48:4b:00:00:01",
            Macs = new Dictionary<string, string> { ["lb1"] = "02:48:4b:00:00:01", ["lb2"] = "02:48:4b:00:00:02" },
            Probes = probes,
            AddressEvents = [new(Kill.AddMilliseconds(removed), "lb1", false), new(Kill.AddMilliseconds(added), "lb2", true)],
            NeighbourEvents = [new(Kill.AddMilliseconds(added + 5), "02:48:4b:00:00:02", "STALE")],
            FinalHolders = ["lb2"],
        });
    }

    private static FailoverReport HaKube() => Report(LabMode.HaKube, 10, 60, 30, 31);

    private static FailoverReport Reference() => Report(LabMode.Reference, 10, 3020, 3000, 3001);

    [Fact]
    public void Analyze_RecordsTheTraceTheChartDraws()
    {
        var trace = HaKube().Trace!;

        Assert.Equal(2 * 156, trace.Probes.Count);
        Assert.Equal(new ProbePoint(-500, "tcp", true), trace.Probes[0]);
        Assert.Contains(new ProbePoint(20, "tcp", false), trace.Probes);
        Assert.Equal([new VipChange(30, "lb1", false), new VipChange(31, "lb2", true)], trace.Vip);
    }

    [Fact]
    public void SavePng_TwoRuns_WritesAPngOfTheChartSize()
    {
        var dir = Directory.CreateTempSubdirectory("hakube-plot-");
        try
        {
            var path = Path.Combine(dir.FullName, "sub", "failover.png");
            FailoverChart.SavePng([HaKube(), Reference()], path);

            var bytes = File.ReadAllBytes(path);
            Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A }, bytes[..8]);
            Assert.Equal("IHDR", System.Text.Encoding.ASCII.GetString(bytes, 12, 4));
            Assert.Equal(FailoverChart.Width, BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16)));
            Assert.Equal(FailoverChart.Height, BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20)));
            // Drawn, not blank: a blank 1200×700 PNG compresses to a few hundred bytes.
            Assert.InRange(bytes.Length, 20_000, 400_000);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void Create_TwoRuns_LabelsTheChartAndEachRun()
    {
        var plot = FailoverChart.Create([HaKube(), Reference()]);

        Assert.Equal("Failover through the VIP: HaKube (vrrpd + tcplb) vs Keepalived + HAProxy", plot.Axes.Title.Label.Text);
        Assert.Equal(FailoverChart.XLabel, plot.Axes.Bottom.Label.Text);
        var headers = plot.GetPlottables<ScottPlot.Plottables.Text>().Select(t => t.LabelText).ToList();
        Assert.Equal(2, headers.Count);
        Assert.StartsWith("HaKube (vrrpd + tcplb): VIP lb1 → lb2 at 31 ms · no service 50 ms (TCP), 50 ms (TLS)", headers[0], StringComparison.Ordinal);
        Assert.StartsWith("Keepalived + HAProxy: VIP lb1 → lb2 at 3001 ms · no service 3010 ms (TCP)", headers[1], StringComparison.Ordinal);

        // The manual generator hands out its ticks once the axis has been laid out.
        plot.GetImage(FailoverChart.Width, FailoverChart.Height).Dispose();
        var ticks = ((NumericManual)plot.Axes.Left.TickGenerator).Ticks.Select(t => t.Label).ToList();
        Assert.Equal(2, ticks.Count(t => t == FailoverChart.TcpLane));
        Assert.Equal(2, ticks.Count(t => t == FailoverChart.TlsLane));
        Assert.Equal(2, ticks.Count(t => t == "VIP on lb1"));
        Assert.Equal(2, ticks.Count(t => t == "VIP on lb2"));

        // Each legend entry once, though every run draws its own.
        var legend = plot.GetPlottables().SelectMany(p => p.LegendItems).Concat(plot.Legend.ManualItems)
            .Select(i => i.LabelText).Where(l => !string.IsNullOrEmpty(l)).ToList();
        Assert.Equal(
            [FailoverChart.Passed, FailoverChart.Failed, FailoverChart.Killed, FailoverChart.Takeover, FailoverChart.ServiceBack, "lb1 holds the VIP", "lb2 holds the VIP"],
            legend);
    }

    [Fact]
    public void Create_TwoRuns_DrawsProbesVipBandsAndTheMomentsOfEachRun()
    {
        var plot = FailoverChart.Create([HaKube(), Reference()]);
        var (xMin, xMax) = FailoverChart.Window([HaKube(), Reference()]);

        Assert.Equal(-200, xMin);
        Assert.Equal(3021 + 300, xMax);
        Assert.Equal((xMin, xMax), (plot.Axes.Bottom.Min, plot.Axes.Bottom.Max));

        // Per run: passed and failed, TCP and TLS.
        var markers = plot.GetPlottables<Markers>().ToList();
        Assert.Equal(8, markers.Count);
        var failedXs = markers.Where(m => m.MarkerColor == markers[1].MarkerColor).SelectMany(m => m.Data.GetScatterPoints()).Select(p => p.X).ToList();
        Assert.Contains(10, failedXs);
        Assert.Contains(3010, failedXs);
        Assert.DoesNotContain(3020, failedXs);
        Assert.All(markers.SelectMany(m => m.Data.GetScatterPoints()), p => Assert.InRange(p.X, xMin, xMax));

        // The VIP: lb1 up to its removal, lb2 from its arrival, in each run.
        var bands = plot.GetPlottables<ScottPlot.Plottables.Rectangle>().Select(r => (r.X1, r.X2)).ToList();
        Assert.Equal([(xMin, 30), (31, xMax), (xMin, 3000), (3001, xMax)], bands);

        // Kill, takeover and service back as vertical lines, one set per run.
        var lines = plot.GetPlottables<LinePlot>().ToList();
        Assert.All(lines, l => Assert.Equal(l.Start.X, l.End.X));
        Assert.Equal([0, 31, 61, 0, 3001, 3021], lines.Select(l => l.Start.X));
    }

    [Fact]
    public void Create_OneRun_TitlesItAlone()
    {
        var plot = FailoverChart.Create([HaKube()]);

        Assert.Equal("Failover through the VIP: HaKube (vrrpd + tcplb)", plot.Axes.Title.Label.Text);
        Assert.Equal((-200.0, 61 + 300.0), (plot.Axes.Bottom.Min, plot.Axes.Bottom.Max));
        Assert.Equal(3, plot.GetPlottables<LinePlot>().Count());
    }

    [Fact]
    public void Holds_VipThatNeverLeft_IsOneBandOverTheWindow()
    {
        var report = HaKube() with { Trace = new FailoverTrace(), NewHolder = null };

        Assert.Equal([(-200.0, 500.0)], FailoverChart.Holds(report, "lb1", -200, 500));
        Assert.Empty(FailoverChart.Holds(report, "lb2", -200, 500));
    }

    [Fact]
    public void Drawable_SkipsRunsWithoutAFailoverTrace()
    {
        var runs = new[]
        {
            new DemoRun { Mode = LabMode.HaKube, Failover = HaKube() },
            new DemoRun { Mode = LabMode.Reference, Error = "haproxy is not installed" },
            new DemoRun { Mode = LabMode.Reference, Failover = Reference() with { Trace = null } },
        };

        Assert.Single(FailoverChart.Drawable(runs));
        Assert.Throws<ArgumentException>(() => FailoverChart.Create([]));
    }
}
