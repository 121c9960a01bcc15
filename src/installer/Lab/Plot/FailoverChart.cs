using System.Globalization;
using ScottPlot;
using ScottPlot.TickGenerators;

namespace HaKube.Installer.Lab.Plot;

/// <summary>
/// `lab demo --plot`: the failover timeline of each run on one chart, a pure function of the recorded reports. Each
/// run is a band of lanes sharing the time axis (ms after the kill): TCP and TLS probes (a tick per probe, green
/// passed, red failed), then one lane per load balancer showing when it held the VIP; within the band, vertical
/// lines mark the kill, the VIP's arrival on the new holder (the takeover) and the first probe passing again.
/// </summary>
internal static class FailoverChart
{
    public const int Width = 1200;
    public const int Height = 700;
    public const string TcpLane = "TCP connect";
    public const string TlsLane = "TLS GET /readyz";
    public const string Passed = "probe passed";
    public const string Failed = "probe failed";
    public const string Killed = "balancer killed (SIGKILL)";
    public const string Takeover = "takeover: VIP on the new holder";
    public const string ServiceBack = "first probe passing again";
    public const string XLabel = "ms after the balancer on the VIP holder was killed";

    private const double Before = 200;
    private const double After = 300;
    private const double HeaderRoom = 1.1;

    private static readonly Color PassColor = Color.FromHex("#2ca02c");
    private static readonly Color FailColor = Color.FromHex("#d62728");
    private static readonly Color KillColor = Colors.Black;
    private static readonly Color TakeoverColor = Color.FromHex("#9467bd");
    private static readonly Color BackColor = Color.FromHex("#17becf");
    private static readonly Color[] NodeColors = [Color.FromHex("#1f77b4"), Color.FromHex("#ff7f0e"), Color.FromHex("#8c564b")];

    /// <summary>The runs that can be drawn: a failover with its trace.</summary>
    public static IReadOnlyList<FailoverReport> Drawable(IEnumerable<DemoRun> runs)
        => [.. runs.Select(r => r.Failover).OfType<FailoverReport>().Where(f => f.Trace is not null)];

    /// <summary>Draws <paramref name="reports"/> (top to bottom in that order) on one chart.</summary>
    public static ScottPlot.Plot Create(IReadOnlyList<FailoverReport> reports)
    {
        if (reports.Count == 0)
        {
            throw new ArgumentException("no failover with a recorded trace to plot", nameof(reports));
        }

        var nodes = reports.SelectMany(Nodes).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var lanes = 2 + nodes.Count;
        var group = lanes + HeaderRoom;
        var (xMin, xMax) = Window(reports);

        var plot = new ScottPlot.Plot();
        plot.Title(reports.Count > 1
            ? "Failover through the VIP: " + string.Join(" vs ", reports.Select(r => LabView.Mode(r.Mode)))
            : $"Failover through the VIP: {LabView.Mode(reports[0].Mode)}");
        plot.XLabel(XLabel);

        var ticks = new List<(double Y, string Label)>();
        for (var i = 0; i < reports.Count; i++)
        {
            var report = reports[i];
            var trace = report.Trace!;
            var first = i == 0;
            var bottom = (reports.Count - 1 - i) * group;
            double Lane(int index) => bottom + lanes - 1 - index;

            ticks.Add((Lane(0), TcpLane));
            ticks.Add((Lane(1), TlsLane));
            AddProbes(plot, trace, "tcp", Lane(0), xMin, xMax, first);
            AddProbes(plot, trace, "tls", Lane(1), xMin, xMax, legend: false);
            for (var n = 0; n < nodes.Count; n++)
            {
                ticks.Add((Lane(2 + n), $"VIP on {nodes[n]}"));
                foreach (var (from, to) in Holds(report, nodes[n], xMin, xMax))
                {
                    var band = plot.Add.Rectangle(from, to, Lane(2 + n) - 0.3, Lane(2 + n) + 0.3);
                    band.FillStyle.Color = NodeColors[n % NodeColors.Length].WithAlpha(0.75);
                    band.LineStyle.Width = 0;
                }
            }

            var low = bottom - 0.5;
            var high = bottom + lanes - 0.5;
            Marker(plot, 0, low, high, KillColor, LinePattern.Solid, first ? Killed : null);
            if (report.VipAddedToNewMs is { } added)
            {
                Marker(plot, added, low, high, TakeoverColor, LinePattern.Dashed, first ? Takeover : null);
            }

            if (Back(report) is { } back)
            {
                Marker(plot, back, low, high, BackColor, LinePattern.Dotted, first ? ServiceBack : null);
            }

            var header = plot.Add.Text(Header(report), xMin, high + 0.05);
            header.LabelAlignment = Alignment.LowerLeft;
            header.LabelFontSize = 13;
            header.LabelBold = true;
        }

        // Legend entries for the VIP lanes (the rectangles carry none, so they are named once here).
        for (var n = 0; n < nodes.Count; n++)
        {
            plot.Legend.ManualItems.Add(new LegendItem
            {
                LabelText = $"{nodes[n]} holds the VIP",
                FillColor = NodeColors[n % NodeColors.Length].WithAlpha(0.75),
            });
        }

        plot.Axes.Left.TickGenerator = new NumericManual([.. ticks.Select(t => t.Y)], [.. ticks.Select(t => t.Label)]);
        plot.Axes.SetLimits(xMin, xMax, -0.7, (reports.Count * group) - HeaderRoom - 0.5 + 0.9);
        plot.Grid.YAxisStyle.MajorLineStyle.Width = 0;
        plot.ShowLegend(Edge.Bottom);
        return plot;
    }

    /// <summary>Renders <paramref name="reports"/> to a PNG of <see cref="Width"/> × <see cref="Height"/>.</summary>
    public static void SavePng(IReadOnlyList<FailoverReport> reports, string path)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        Create(reports).SavePng(path, Width, Height);
    }

    /// <summary>"HaKube (vrrpd + tcplb): VIP lb1 → lb2 at 35 ms · no service 40 ms (TCP), 42 ms (TLS) · 9 of 812 probes failed".</summary>
    public static string Header(FailoverReport r)
    {
        var moved = r.NewHolder is { } to
            ? $"VIP {r.OldHolder} → {to} at {FailoverAnalysis.Format(r.VipAddedToNewMs)}"
            : $"VIP never left {r.OldHolder}";
        var failed = r.Tcp.Failed + r.Tls.Failed;
        var total = r.Tcp.Total + r.Tls.Total;
        return string.Create(CultureInfo.InvariantCulture,
            $"{LabView.Mode(r.Mode)}: {moved} · no service {FailoverAnalysis.Format(r.Tcp.NoServiceMs)} (TCP), {FailoverAnalysis.Format(r.Tls.NoServiceMs)} (TLS) · {failed} of {total} probes failed");
    }

    /// <summary>The time window: from a little before the kill to a little after the last thing that happened in any run.</summary>
    public static (double Min, double Max) Window(IReadOnlyList<FailoverReport> reports)
    {
        var last = reports.SelectMany(r => new[]
        {
            r.VipAddedToNewMs, r.VipRemovedFromOldMs, r.NeighbourChangedMs, r.Tcp.RecoveredMs, r.Tls.RecoveredMs, r.Tcp.LastFailedMs, r.Tls.LastFailedMs,
        }).OfType<double>().DefaultIfEmpty(0).Max();
        return (-Before, Math.Max(last, 0) + After);
    }

    /// <summary>The intervals, clipped to the window, when <paramref name="node"/> held the VIP; the old holder held it from the start.</summary>
    public static IReadOnlyList<(double From, double To)> Holds(FailoverReport report, string node, double xMin, double xMax)
    {
        var intervals = new List<(double, double)>();
        double? since = node == report.OldHolder ? xMin : null;
        foreach (var change in report.Trace!.Vip.Where(v => v.Node == node).OrderBy(v => v.Ms))
        {
            if (change.Added && since is null)
            {
                since = Math.Max(change.Ms, xMin);
            }
            else if (!change.Added && since is { } s)
            {
                if (change.Ms > xMin)
                {
                    intervals.Add((s, Math.Min(change.Ms, xMax)));
                }

                since = null;
            }
        }

        if (since is { } open && open < xMax)
        {
            intervals.Add((open, xMax));
        }

        return intervals;
    }

    private static IEnumerable<string> Nodes(FailoverReport r)
        => new[] { r.OldHolder, r.NewHolder }.OfType<string>().Concat(r.Trace!.Vip.Select(v => v.Node));

    /// <summary>The later of the two kinds' first passing probe after the outage; null when neither failed or came back.</summary>
    private static double? Back(FailoverReport r)
        => new[] { r.Tcp.FirstSuccessAfterFailureMs, r.Tls.FirstSuccessAfterFailureMs }.OfType<double>().Cast<double?>().Max();

    private static void AddProbes(ScottPlot.Plot plot, FailoverTrace trace, string kind, double y, double xMin, double xMax, bool legend)
    {
        foreach (var ok in new[] { true, false })
        {
            var xs = trace.Probes.Where(p => p.Kind == kind && p.Ok == ok && p.Ms >= xMin && p.Ms <= xMax).Select(p => p.Ms).ToArray();
            if (xs.Length == 0)
            {
                continue;
            }

            var markers = plot.Add.Markers(xs, [.. xs.Select(_ => y)], MarkerShape.VerticalBar, 14, ok ? PassColor : FailColor);
            markers.MarkerStyle.LineWidth = 1.5f;
            if (legend)
            {
                markers.LegendText = ok ? Passed : Failed;
            }
        }
    }

    private static void Marker(ScottPlot.Plot plot, double x, double low, double high, Color color, LinePattern pattern, string? legend)
    {
        var line = plot.Add.Line(x, low, x, high);
        line.LineColor = color;
        line.LineWidth = 2;
        line.LinePattern = pattern;
        line.MarkerSize = 0;
        if (legend is not null)
        {
            line.LegendText = legend;
        }
    }
}
