using System.Globalization;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;

namespace HaKube.Vrrpd.Tests.Integration;

/// <summary>The unit file and the notify protocol (issue 3, point 9), the test playing systemd on the NOTIFY_SOCKET; SystemdServiceTests runs the unit under a real one.</summary>
public sealed partial class SystemdTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("vrrpd-unit-").FullName;

    [Fact]
    public async Task NotifySocket_ReceivesReadyOnceAdminSocketAnswers_WatchdogPings_StatusOnTakeover_AndStoppingOnSigterm()
    {
        await using var pair = await GuidePair.CreateAsync(trackScript: false);
        var node = pair.Lb1;
        var socketPath = Path.Combine(node.Host.DataDirectory, "notify.sock");
        using var notify = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        notify.Bind(new UnixDomainSocketEndPoint(socketPath));

        var daemon = node.Host.Start(Vrrpd.Command("-f", node.ConfigPath, "--run-dir", node.RunDirectory), new Dictionary<string, string>
        {
            ["NOTIFY_SOCKET"] = socketPath,
            ["WATCHDOG_USEC"] = "2000000",
        });
        var ready = await ReceiveUntilAsync(notify, "READY=1");

        // READY=1 comes once the sockets are open: the admin socket answers at once.
        var status = await node.StatusAsync();
        Assert.Equal("haproxy-vip", status.Instances[0].Name);
        Assert.Contains("STATUS=haproxy-vip: ", ready, StringComparison.Ordinal);
        // WatchdogSec=2 s: pings at half of it while the instance loops run.
        await ReceiveUntilAsync(notify, "WATCHDOG=1");
        // Alone on the segment, lb1 takes over after Master_Down_Interval: systemctl status follows the state.
        await ReceiveUntilAsync(notify, "STATUS=haproxy-vip: Master");
        Assert.Equal("Master", (await node.StatusAsync()).Instances[0].State);

        daemon.Signal(15);
        await ReceiveUntilAsync(notify, "STOPPING=1");
        Assert.Equal(0, await daemon.WaitForExitAsync(Bounds.Start));
    }

    [Fact]
    public async Task UnitFile_PassesSystemdAnalyzeVerify()
    {
        var unit = await WriteUnitAsync();

        var (code, output) = await RunAsync("systemd-analyze", "verify", unit);

        Assert.True(code == 0, output);
        Assert.DoesNotContain("vrrpd.service:", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnitFile_SecurityExposureAtMost3()
    {
        var unit = await WriteUnitAsync();

        var (code, output) = await RunAsync("systemd-analyze", "security", "--offline=true", unit);

        Assert.True(code == 0, output);
        var score = double.Parse(ExposureLine().Match(output).Groups[1].Value, CultureInfo.InvariantCulture);
        // What remains is what VRRP needs (root with NET_ADMIN and NET_RAW, the host's network, packet and netlink
        // sockets) and what the guide's track script needs (SETUID/SETGID/KILL, the whole /proc): 3.0 as written,
        // so dropping any one hardening option fails this.
        Assert.True(score <= 3.0, $"exposure {score}:\n{output}");
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    /// <summary>The repository's unit with its binary paths pointed at the built vrrpd (verify wants ExecStart to exist).</summary>
    private async Task<string> WriteUnitAsync()
    {
        var source = await File.ReadAllTextAsync(Path.Combine(RepoRoot(), "deploy", "systemd", "vrrpd.service"));
        var unit = Path.Combine(_directory, "vrrpd.service");
        await File.WriteAllTextAsync(unit, source.Replace("/usr/local/sbin/vrrpd", Path.Combine(AppContext.BaseDirectory, "vrrpd"), StringComparison.Ordinal));
        return unit;
    }

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (Directory.Exists(Path.Combine(dir.FullName, "deploy", "systemd")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("no deploy/systemd above " + AppContext.BaseDirectory);
    }

    private static async Task<string> ReceiveUntilAsync(Socket socket, string expected)
    {
        var buffer = new byte[4096];
        using var timeout = new CancellationTokenSource(Bounds.Start);
        var seen = new StringBuilder();
        while (true)
        {
            var n = await socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token);
            var message = Encoding.UTF8.GetString(buffer, 0, n);
            seen.Append(message).Append(" | ");
            if (message.Split('\n').Contains(expected))
            {
                return message;
            }
        }
    }

    private static async Task<(int Code, string Output)> RunAsync(params string[] argv)
    {
        var (code, output, error) = await CliProcess.RunProgramAsync(argv);
        return (code, output + error);
    }

    [GeneratedRegex(@"Overall exposure level for .*: ([0-9.]+)")]
    private static partial Regex ExposureLine();
}
