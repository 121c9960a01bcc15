using System.Diagnostics.Metrics;
using System.Net;
using System.Text.RegularExpressions;
using HaKube.Common.Metrics;

namespace HaKube.Common.Tests.Metrics;

public sealed partial class PrometheusExporterTests : IAsyncLifetime, IDisposable
{
    // One meter per test: the exporter listens to it alone, so parallel tests do not see each other's instruments.
    private readonly Meter _meter = new("HaKube.Test." + Guid.NewGuid().ToString("N"));
    private readonly HttpClient _http = new();
    private PrometheusExporter _exporter = null!;

    public Task InitializeAsync()
    {
        _exporter = new PrometheusExporter(new PrometheusExporterOptions
        {
            Endpoint = new IPEndPoint(IPAddress.Loopback, 0),
            MeterNames = [_meter.Name],
        });
        _exporter.Start();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _exporter.DisposeAsync();

    public void Dispose()
    {
        _meter.Dispose();
        _http.Dispose();
    }

    private Uri Url(string path) => new($"http://{_exporter.LocalEndPoint}{path}");

    /// <summary>Scrapes /metrics and checks every line against the 0.0.4 grammar.</summary>
    private async Task<string[]> ScrapeAsync()
    {
        using var response = await _http.GetAsync(Url("/metrics"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain; version=0.0.4; charset=utf-8", response.Content.Headers.ContentType!.ToString());
        var text = await response.Content.ReadAsStringAsync();
        var lines = text.Split('\n');
        Assert.Equal("", lines[^1]);
        lines = lines[..^1];
        Assert.All(lines, l => Assert.Matches(SampleOrComment(), l));
        return lines;
    }

    [GeneratedRegex("""^(# (HELP|TYPE) [a-zA-Z_:][a-zA-Z0-9_:]* .*|[a-zA-Z_:][a-zA-Z0-9_:]*(\{([a-zA-Z_][a-zA-Z0-9_]*="([^"\\\n]|\\["\\n])*",?)*\})? ([-+]?[0-9.eE+-]+|[+-]Inf|NaN))$""")]
    private static partial Regex SampleOrComment();

    [Fact]
    public async Task Counter_IsExportedWithTotalHelpAndLabels()
    {
        var counter = _meter.CreateCounter<long>("vrrp.adverts.sent", "{packet}", "Adverts sent");
        counter.Add(2, new KeyValuePair<string, object?>("instance", "VI_1"));
        counter.Add(1, new KeyValuePair<string, object?>("instance", "VI_1"));
        counter.Add(5, new KeyValuePair<string, object?>("instance", "VI_2"));

        var lines = await ScrapeAsync();

        Assert.Contains("# HELP vrrp_adverts_sent_total Adverts sent", lines);
        Assert.Contains("# TYPE vrrp_adverts_sent_total counter", lines);
        Assert.Contains("vrrp_adverts_sent_total{instance=\"VI_1\"} 3", lines);
        Assert.Contains("vrrp_adverts_sent_total{instance=\"VI_2\"} 5", lines);
    }

    [Fact]
    public async Task LabelValues_AreEscaped_AndTagOrderDoesNotSplitSeries()
    {
        var counter = _meter.CreateCounter<int>("odd.labels");
        counter.Add(1, new("path", "C:\\dir \"x\"\nnext"), new("b", 1));
        counter.Add(1, new("b", 1), new("path", "C:\\dir \"x\"\nnext"));

        var lines = await ScrapeAsync();

        Assert.Contains("odd_labels_total{b=\"1\",path=\"C:\\\\dir \\\"x\\\"\\nnext\"} 2", lines);
    }

    [Fact]
    public async Task UpDownCounterAndGauge_AreGauges()
    {
        var active = _meter.CreateUpDownCounter<long>("tcplb.connections.active", "{connection}");
        active.Add(5);
        active.Add(-2);
        var priority = _meter.CreateGauge<int>("vrrp.priority.effective");
        priority.Record(100);
        priority.Record(98);

        var lines = await ScrapeAsync();

        Assert.Contains("# TYPE tcplb_connections_active gauge", lines);
        Assert.Contains("tcplb_connections_active 3", lines);
        Assert.Contains("# TYPE vrrp_priority_effective gauge", lines);
        Assert.Contains("vrrp_priority_effective 98", lines);
    }

    [Fact]
    public async Task ObservableInstruments_AreReadAtEachScrape()
    {
        var backends = new List<Measurement<int>> { new(1, new KeyValuePair<string, object?>("server", "m1")), new(0, new KeyValuePair<string, object?>("server", "m2")) };
        _meter.CreateObservableGauge("tcplb.server.up", () => backends);
        var total = 10L;
        _meter.CreateObservableCounter("tcplb.checks", () => total, "{check}");

        var first = await ScrapeAsync();
        backends = [new(1, new KeyValuePair<string, object?>("server", "m1"))];
        total = 12;
        var second = await ScrapeAsync();

        Assert.Contains("tcplb_server_up{server=\"m2\"} 0", first);
        Assert.Contains("tcplb_checks_total 10", first);
        Assert.DoesNotContain(second, l => l.Contains("m2", StringComparison.Ordinal));
        Assert.Contains("tcplb_server_up{server=\"m1\"} 1", second);
        Assert.Contains("# TYPE tcplb_checks_total counter", second);
        Assert.Contains("tcplb_checks_total 12", second);
    }

    [Fact]
    public async Task Histogram_HasCumulativeBucketsSumAndCount()
    {
        var histogram = _meter.CreateHistogram("tcplb.connect.duration", "s", "Backend connect time",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.01, 0.1, 1] });
        foreach (var value in new[] { 0.005, 0.05, 0.05, 0.5, 3 })
        {
            histogram.Record(value, new KeyValuePair<string, object?>("server", "m1"));
        }

        var lines = await ScrapeAsync();

        Assert.Contains("# TYPE tcplb_connect_duration_seconds histogram", lines);
        Assert.Contains("tcplb_connect_duration_seconds_bucket{server=\"m1\",le=\"0.01\"} 1", lines);
        Assert.Contains("tcplb_connect_duration_seconds_bucket{server=\"m1\",le=\"0.1\"} 3", lines);
        Assert.Contains("tcplb_connect_duration_seconds_bucket{server=\"m1\",le=\"1\"} 4", lines);
        Assert.Contains("tcplb_connect_duration_seconds_bucket{server=\"m1\",le=\"+Inf\"} 5", lines);
        Assert.Contains("tcplb_connect_duration_seconds_sum{server=\"m1\"} 3.605", lines);
        Assert.Contains("tcplb_connect_duration_seconds_count{server=\"m1\"} 5", lines);
    }

    [Fact]
    public async Task Histogram_InSecondsWithoutAdvice_UsesPrometheusDefaultBuckets()
    {
        _meter.CreateHistogram<double>("probe.duration", "s").Record(0.2);

        var lines = await ScrapeAsync();

        Assert.Equal(12, lines.Count(l => l.StartsWith("probe_duration_seconds_bucket", StringComparison.Ordinal)));
        Assert.Contains("probe_duration_seconds_bucket{le=\"0.25\"} 1", lines);
    }

    [Fact]
    public async Task OtherMeters_AreNotExported()
    {
        using var other = new Meter("HaKube.Test.Other." + Guid.NewGuid().ToString("N"));
        other.CreateCounter<int>("foreign.counter").Add(1);
        _meter.CreateCounter<int>("own.counter").Add(1);

        var lines = await ScrapeAsync();

        Assert.Contains("own_counter_total 1", lines);
        Assert.DoesNotContain(lines, l => l.Contains("foreign", StringComparison.Ordinal));
    }

    [Fact]
    public async Task OtherPath_Is404_OtherMethod_Is405()
    {
        using var notFound = await _http.GetAsync(Url("/"));
        using var post = await _http.PostAsync(Url("/metrics"), new StringContent(""));

        Assert.Equal(HttpStatusCode.NotFound, notFound.StatusCode);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, post.StatusCode);
    }

    [Fact]
    public async Task QueryString_IsIgnored_AndRepeatedScrapesWork()
    {
        _meter.CreateCounter<int>("x").Add(1);

        for (var i = 0; i < 3; i++)
        {
            using var response = await _http.GetAsync(Url("/metrics?name[]=x"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }

    [Fact]
    public async Task PortInUse_IsAStartupError()
    {
        await using var second = new PrometheusExporter(new PrometheusExporterOptions
        {
            Endpoint = _exporter.LocalEndPoint!,
            MeterNames = [_meter.Name],
        });

        var e = Assert.Throws<HaKube.Common.Daemon.DaemonStartupException>(second.Start);

        Assert.Contains($"cannot serve metrics on {_exporter.LocalEndPoint}", e.Message, StringComparison.Ordinal);
    }
}
