using HaKube.Common.Metrics;

namespace HaKube.Common.Tests.Metrics;

public sealed class PrometheusNamingTests
{
    [Theory]
    [InlineData("vrrp.adverts.sent", "{packet}", "Counter", "vrrp_adverts_sent_total")]
    [InlineData("tcplb.bytes.in", "By", "Counter", "tcplb_bytes_in_bytes_total")]
    [InlineData("tcplb.bytes", "By", "Counter", "tcplb_bytes_total")]
    [InlineData("requests_total", null, "Counter", "requests_total")]
    [InlineData("tcplb.connect.duration", "s", "Histogram", "tcplb_connect_duration_seconds")]
    [InlineData("tcplb.connections.active", "{connection}", "Gauge", "tcplb_connections_active")]
    [InlineData("cpu.utilization", "1", "Gauge", "cpu_utilization_ratio")]
    [InlineData("net.throughput", "By/s", "Gauge", "net_throughput_bytes_per_second")]
    [InlineData("weird-name..x", "ms", "Gauge", "weird_name_x_milliseconds")]
    [InlineData("9lives", null, "Gauge", "_9lives")]
    public void MetricName_FollowsPrometheusConventions(string name, string? unit, string kind, string expected) =>
        Assert.Equal(expected, PrometheusNaming.MetricName(name, unit, Enum.Parse<MetricKind>(kind)));

    [Theory]
    [InlineData("server.name", "server_name")]
    [InlineData("http:method", "http_method")]
    [InlineData("1st", "_1st")]
    public void LabelName_IsSanitised(string key, string expected) =>
        Assert.Equal(expected, PrometheusNaming.LabelName(key));

    [Theory]
    [InlineData(1.0, "1")]
    [InlineData(0.25, "0.25")]
    [InlineData(double.PositiveInfinity, "+Inf")]
    [InlineData(double.NegativeInfinity, "-Inf")]
    [InlineData(double.NaN, "NaN")]
    public void Value_IsInvariantAndSpellsSpecials(double value, string expected) =>
        Assert.Equal(expected, PrometheusNaming.Value(value));
}
