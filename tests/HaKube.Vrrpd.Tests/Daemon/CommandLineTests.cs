using HaKube.Vrrpd.Cli;
using HaKube.Vrrpd.Daemon;
using HaKube.Vrrpd.Tests.Configuration;

namespace HaKube.Vrrpd.Tests.Daemon;

/// <summary>The CLI contract in-process (the integration tests run the binary).</summary>
public sealed class CommandLineTests
{
    private static async Task<(int Code, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await VrrpdCommandLine.InvokeAsync(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task NoConfiguration_IsAUsageError()
    {
        var (code, _, error) = await RunAsync();

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("give -f PATH", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownOption_IsAUsageError()
    {
        Assert.Equal(ExitCodes.Usage, (await RunAsync("--frobnicate")).Code);
    }

    [Fact]
    public async Task Check_WarningsOnly_ExitsZero_AndPrintsThem()
    {
        var (_, path) = TestConfig.LoadText("""
            vrrp_instance vi {
              interface eth0
              virtual_router_id 1
              frobnicate yes
              virtual_ipaddress {
                198.18.0.100/24
              }
            }

            """);

        var (code, output, error) = await RunAsync("--check", "-f", path);

        Assert.Equal(0, code);
        Assert.Contains($"{path}:4: warning:", error, StringComparison.Ordinal);
        Assert.Contains("OK (keepalived.conf, 1 instance(s), 1 warning(s))", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_SyncGroupWithTrackersOfEveryKind_Passes()
    {
        var (_, path) = TestConfig.LoadText("""
            vrrp_script chk {
              script "/bin/true"
            }
            vrrp_track_process proc {
              process haproxy
            }
            track_file tf {
              file /tmp/hakube-group-health
              weight 0
            }
            vrrp_sync_group lbs {
              group {
                va
                vb
              }
              track_script {
                chk
              }
              track_interface {
                eth1 weight -10
              }
              track_process {
                proc
              }
              track_file {
                tf
              }
            }

            """ + TestConfig.Instance(name: "va", vrid: 60, vip: "198.18.0.100/24") + "\n" + TestConfig.Instance(name: "vb", vrid: 61, vip: "198.18.0.101/24") + "\n");

        var (code, output, error) = await RunAsync("--check", "-f", path);

        Assert.True(code == 0, error);
        Assert.Contains("OK (keepalived.conf, 2 instance(s), 0 warning(s))", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_MissingFile_ExitsNonZeroNamingIt()
    {
        var (code, _, error) = await RunAsync("--check", "-f", "/nonexistent/vrrpd.conf");

        Assert.Equal(ExitCodes.ConfigError, code);
        Assert.Contains("/nonexistent/vrrpd.conf: error: cannot read the configuration", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Release_EmptyRunDirectory_NothingToDo()
    {
        var directory = Directory.CreateTempSubdirectory("vrrpd-release-").FullName;
        try
        {
            var (code, output, _) = await RunAsync("--release", "--run-dir", directory);

            Assert.Equal(0, code);
            Assert.Contains("nothing to do", output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task MaintWithoutDaemon_ExitsNotRunning()
    {
        var (code, _, error) = await RunAsync("maint", "on", "--run-dir", "/nonexistent-vrrpd-run");

        Assert.Equal(ExitCodes.NotRunning, code);
        Assert.Contains("vrrpd is not running", error, StringComparison.Ordinal);
    }
}
