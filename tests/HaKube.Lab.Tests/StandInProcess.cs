using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace HaKube.Lab.Tests;

/// <summary>A kube-apiserver stand-in started on a free loopback port for a test, stopped by PID.</summary>
internal sealed class StandInProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly List<string> _lines = [];

    private StandInProcess(Process process, int port)
    {
        _process = process;
        Port = port;
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (_lines) { _lines.Add(e.Data); } } };
        process.BeginOutputReadLine();
    }

    public int Port { get; }

    public int Pid => _process.Id;

    public Uri Url(string path) => new($"https://127.0.0.1:{Port}{path}");

    public IReadOnlyList<string> Lines { get { lock (_lines) { return [.. _lines]; } } }

    public static string BinaryPath => Path.Combine(AppContext.BaseDirectory, "kube-apiserver-standin");

    public static async Task<StandInProcess> StartAsync(params string[] extra)
    {
        var port = FreePort();
        var psi = new ProcessStartInfo(BinaryPath) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "--listen", $"127.0.0.1:{port}", "--name", "m1" }.Concat(extra))
        {
            psi.ArgumentList.Add(a);
        }

        var p = new StandInProcess(Process.Start(psi)!, port);
        await NetLab.Wait.UntilAsync(() => p.Lines.Any(l => l.StartsWith("listening", StringComparison.Ordinal)) || p._process.HasExited,
            TimeSpan.FromSeconds(30), "the stand-in to listen");
        if (p._process.HasExited)
        {
            Assert.Fail("the stand-in exited: " + await p._process.StandardError.ReadToEndAsync());
        }

        return p;
    }

    public void Signal(int signal) => Assert.Equal(0, Tmds.Linux.LibC.kill(Pid, signal));

    public Task<int> WaitForExitAsync(TimeSpan bound) => _process.WaitForExitAsync().WaitAsync(bound).ContinueWith(_ => _process.ExitCode, TaskScheduler.Default);

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
