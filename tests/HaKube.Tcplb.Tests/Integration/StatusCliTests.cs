using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using HaKube.Tcplb.Cli;

namespace HaKube.Tcplb.Tests.Integration;

[Collection(TcplbLabGroup.Name)]
public sealed class StatusCliTests(TcplbLab lab)
{
    [Fact]
    public async Task Status_WithoutABalancer_ExitsNonZeroSayingSo()
    {
        var run = Path.Combine(lab.Lab.DataDirectory, "nobody-here");

        foreach (var args in new[] { new[] { "status" }, ["status", "--json"], ["status", "--csv"], ["server", "drain", "kube-apiserver/b1"] })
        {
            var result = await CliResult.RunAsync(run, args);
            Assert.NotEqual(0, result.ExitCode);
            Assert.Contains("tcplb is not running", result.StandardError, StringComparison.Ordinal);
            Assert.Empty(result.StandardOutput);
        }
    }

    [Fact]
    public async Task RunningBalancer_TellsSystemdReady_AnswersStatusTextJsonCsv_AndServesMetrics()
    {
        var notify = Path.Combine(lab.Balancer.DataDirectory, "notify.sock");
        File.Delete(notify);
        using var listener = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        listener.Bind(new UnixDomainSocketEndPoint(notify));
        // A home of its own: tcplb must not create a key ring there (YARP's data protection, unused without HTTP routes).
        var home = Directory.CreateDirectory(Path.Combine(lab.Balancer.DataDirectory, "status-home")).FullName;
        var environment = new Dictionary<string, string> { ["NOTIFY_SOCKET"] = notify, ["WATCHDOG_USEC"] = "2000000", ["HOME"] = home };
        await using var tcplb = await TcplbProcess.StartAsync(lab.Balancer, lab.Config(), name: "status", environment: environment, waitServing: false);

        var messages = await ReceiveUntilAsync(listener, m => m.Contains("WATCHDOG=1", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.StartsWith("READY=1", StringComparison.Ordinal) && m.Contains("STATUS=serving on ", StringComparison.Ordinal));
        await tcplb.WaitListeningAsync();
        Assert.Equal(0, (await lab.CurlAsync("/readyz")).ExitCode);

        var text = await tcplb.CliAsync("status");
        Assert.Equal(0, text.ExitCode);
        Assert.Contains("listening", text.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("backend kube-apiserver: roundrobin, 3/3 servers up", text.StandardOutput, StringComparison.Ordinal);
        Assert.Matches(@"\n  b1 +UP", text.StandardOutput);
        Assert.Matches(@"\nmemory: [0-9.]+ MB resident; GC heap [0-9.]+ MB, [0-9.]+ MB committed, gen0 budget up to [0-9.]+ MB; [0-9]+ gen0 and [0-9]+ gen2 collections\n", text.StandardOutput);

        var json = await tcplb.CliAsync("status", "--json");
        Assert.Equal(0, json.ExitCode);
        using var document = JsonDocument.Parse(json.StandardOutput);
        var backend = document.RootElement.GetProperty("backends")[0];
        Assert.Equal("kube-apiserver", backend.GetProperty("name").GetString());
        Assert.Equal(1, backend.GetProperty("sessions").GetInt64());
        Assert.Equal(tcplb.Process.Pid, document.RootElement.GetProperty("pid").GetInt32());
        var memory = document.RootElement.GetProperty("memory");
        // The balancer's own RSS, as the kernel counts it (more than its binary, far less than a gigabyte).
        Assert.InRange(memory.GetProperty("residentBytes").GetInt64(), 1L << 20, 1L << 30);
        Assert.InRange(memory.GetProperty("gcCommittedBytes").GetInt64(), memory.GetProperty("gcHeapBytes").GetInt64(), 1L << 30);
        Assert.True(memory.GetProperty("gen0BudgetMaxBytes").GetInt64() > 0);

        var csv = await tcplb.CliAsync("status", "--csv");
        Assert.Equal(0, csv.ExitCode);
        var lines = csv.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(ShowStatCsv.Header, lines[0]);
        Assert.Contains(lines, l => l.StartsWith("kube-apiserver,b1,", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("kube-apiserver,BACKEND,", StringComparison.Ordinal));

        var metrics = await lab.Balancer.RunCheckedAsync(["curl", "-sS", "http://127.0.0.1:9651/metrics"]);
        Assert.Contains("tcplb_server_up{backend=\"kube-apiserver\",server=\"b1\"} 1", metrics.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("tcplb_connections_active", metrics.StandardOutput, StringComparison.Ordinal);

        Assert.Empty(Directory.GetFileSystemEntries(home));
        Assert.DoesNotContain(tcplb.Process.Output, l => l.Text.Contains("DataProtection", StringComparison.Ordinal));
    }

    private static async Task<List<string>> ReceiveUntilAsync(Socket listener, Func<string, bool> last)
    {
        var messages = new List<string>();
        var buffer = new byte[4096];
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            var n = await listener.ReceiveAsync(buffer, SocketFlags.None, bound.Token);
            var message = Encoding.UTF8.GetString(buffer, 0, n);
            messages.Add(message);
            if (last(message))
            {
                return messages;
            }
        }
    }
}
