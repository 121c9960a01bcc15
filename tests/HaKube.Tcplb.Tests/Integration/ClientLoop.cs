using System.Globalization;
using System.Net;
using HaKube.NetLab;

namespace HaKube.Tcplb.Tests.Integration;

/// <summary>
/// A bounded client in the client host: starts a new connection every 10 ms (each a TLS handshake, verifying the
/// backend's certificate, plus GET /readyz through tcplb), <see cref="Count"/> in all; prints "ok N" or "fail N rc=X".
/// </summary>
internal sealed class ClientLoop
{
    private ClientLoop(LabProcess process, int count)
    {
        Process = process;
        Count = count;
    }

    public LabProcess Process { get; }

    public int Count { get; }

    public int Completed => Process.Output.Count(l => l.Text.StartsWith("ok ", StringComparison.Ordinal) || l.Text.StartsWith("fail ", StringComparison.Ordinal));

    public IReadOnlyList<string> Failures => [.. Process.Output.Where(l => l.Text.StartsWith("fail ", StringComparison.Ordinal)).Select(l => l.Text)];

    public int Succeeded => Process.Output.Count(l => l.Text.StartsWith("ok ", StringComparison.Ordinal));

    public static ClientLoop Start(LabHost client, LabCertificates certificates, IPAddress balancer, int count = 300, int port = 6443)
    {
        var script = Path.Combine(client.DataDirectory, "loop.sh");
        File.WriteAllText(script, $$"""
            i=0
            while [ $i -lt {{count}} ]; do
              i=$((i+1))
              (
                curl -sS --max-time 15 --cacert {{certificates.Ca}} --resolve {{LabCertificates.ServerName}}:{{port}}:{{balancer}} -o /dev/null https://{{LabCertificates.ServerName}}:{{port}}/readyz
                rc=$?
                if [ $rc -eq 0 ]; then echo "ok $i"; else echo "fail $i rc=$rc"; fi
              ) &
              sleep 0.01
            done
            wait
            echo done
            """);
        return new ClientLoop(client.Start(["sh", script]), count);
    }

    /// <summary>Waits until <paramref name="n"/> attempts finished (a point in the middle of the run).</summary>
    public Task WaitCompletedAsync(int n) => Wait.UntilAsync(() => Completed >= n, TimeSpan.FromSeconds(60), string.Create(CultureInfo.InvariantCulture, $"{n} client attempts to finish"));

    /// <summary>Waits for the end of the run.</summary>
    public async Task FinishAsync()
    {
        await Process.WaitForOutputAsync(l => l == "done", TimeSpan.FromSeconds(90));
        await Process.WaitForExitAsync(TimeSpan.FromSeconds(10));
    }
}
