using System.Net;
using System.Text.Json;
using HaKube.Vrrpd.Daemon.Admin;

namespace HaKube.Vrrpd.Tests.Integration;

/// <summary>The CLI contract of issue 3 against the real binary: --check, status, status --json.</summary>
public sealed class CliTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("vrrpd-cli-").FullName;

    [Fact]
    public async Task Check_GuideKeepalivedConfWithLabAddresses_ExitsZero()
    {
        var path = Path.Combine(_directory, "keepalived.conf");
        await File.WriteAllTextAsync(path, new GuideConfig
        {
            Self = IPAddress.Parse("198.18.0.1"),
            Peer = IPAddress.Parse("198.18.0.2"),
            Vip = "198.18.0.100/24",
            TrackScript = "killall -0 haproxy",
        }.Render());

        var (code, output, error) = await CliProcess.RunAsync("--check", "-f", path);

        Assert.True(code == 0, error);
        Assert.Contains("OK (keepalived.conf, 1 instance(s)", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_BrokenFile_ListsEveryErrorWithFileAndLine_ExitsNonZero()
    {
        var path = Path.Combine(_directory, "broken.conf");
        await File.WriteAllTextAsync(path, """
            vrrp_instance vi1 {
              state BACKUP
              interface eth0
              virtual_router_id 300
              priority 0
              advert_int 1
              no_such_keyword 1
              virtual_ipaddress {
                198.18.0.100/24
              }
            }

            """);

        var (code, _, error) = await CliProcess.RunAsync("--check", "-f", path);

        Assert.NotEqual(0, code);
        var full = Path.GetFullPath(path);
        Assert.Contains($"{full}:4: error: virtual_router_id:", error, StringComparison.Ordinal);
        Assert.Contains($"{full}:5: error: priority:", error, StringComparison.Ordinal);
        Assert.Contains($"{full}:7: warning:", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_WithoutDaemon_ExitsNonZeroWithClearMessage()
    {
        var (code, _, error) = await CliProcess.RunAsync("status", "--run-dir", _directory);
        var (jsonCode, _, _) = await CliProcess.RunAsync("status", "--json", "--run-dir", _directory);

        Assert.NotEqual(0, code);
        Assert.NotEqual(0, jsonCode);
        Assert.Contains("vrrpd is not running", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_WithDaemon_TextAndJson()
    {
        await using var pair = await GuidePair.CreateAsync();
        await pair.StartAsync();
        var master = await pair.WaitForSingleMasterAsync();

        var text = await master.CliAsync("status", "--run-dir", master.RunDirectory);
        var json = await master.CliAsync("status", "--json", "--run-dir", master.RunDirectory);

        Assert.True(text.Succeeded, text.StandardError);
        Assert.Contains("instance haproxy-vip: MASTER", text.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("priority 102 (base 100)", text.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("tracker chk_haproxy (Script): up, weight 2", text.StandardOutput, StringComparison.Ordinal);
        Assert.True(json.Succeeded, json.StandardError);
        var status = JsonSerializer.Deserialize(json.StandardOutput, VrrpdAdminJsonContext.Default.DaemonStatus)!;
        var instance = Assert.Single(status.Instances);
        Assert.Equal("Master", instance.State);
        Assert.Equal(master.Host.Address.ToString(), instance.MasterAddress);
        Assert.Equal(["198.18.0.100/24"], instance.VirtualAddresses);
        Assert.True(instance.AdvertsSent > 0);
        Assert.NotNull(instance.LastTransition);
        Assert.Equal("Master", instance.LastTransition.To);
        // Both nodes start as backups: mastership only comes from Backup when no master was heard (RFC 5798 6.4.2).
        Assert.Equal(("Backup", "MasterDown"), (instance.LastTransition.From, instance.LastTransition.Reason));
        Assert.Contains("last transition Backup -> Master at ", text.StandardOutput, StringComparison.Ordinal);
        Assert.Contains(" (MasterDown)", text.StandardOutput, StringComparison.Ordinal);

        // The same through the metrics endpoint (127.0.0.1:9650 in the node's namespace).
        var metrics = await master.Host.RunCheckedAsync(["curl", "-sf", "http://127.0.0.1:9650/metrics"]);
        Assert.Contains("vrrpd_instance_master{instance=\"haproxy-vip\"} 1", metrics.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("vrrpd_adverts_sent_total{instance=\"haproxy-vip\"}", metrics.StandardOutput, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
