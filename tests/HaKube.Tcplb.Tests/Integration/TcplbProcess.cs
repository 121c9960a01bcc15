using HaKube.Common.Admin;
using HaKube.NetLab;
using HaKube.Tcplb.Runtime;

namespace HaKube.Tcplb.Tests.Integration;

/// <summary>The real tcplb (the built tcplb.dll, JIT) running in a lab host, with its run directory on the machine's disk.</summary>
internal sealed class TcplbProcess : IAsyncDisposable
{
    public static readonly TimeSpan StartBound = TimeSpan.FromSeconds(30);

    private TcplbProcess(LabProcess process, string runDirectory, string config)
    {
        Process = process;
        RunDirectory = runDirectory;
        Config = config;
    }

    public static string Dll => Path.Combine(AppContext.BaseDirectory, "tcplb.dll");

    public LabProcess Process { get; }

    public string RunDirectory { get; }

    public string Config { get; }

    public string AdminSocket => Path.Combine(RunDirectory, "admin.sock");

    /// <summary>The argv that runs the tcplb command line.</summary>
    public static IReadOnlyList<string> Command(params string[] args) => ["dotnet", Dll, .. args];

    /// <summary>Writes <paramref name="config"/> and starts tcplb on <paramref name="host"/>; waits for "serving" unless told not to.</summary>
    public static async Task<TcplbProcess> StartAsync(
        LabHost host, string config, string name = "tcplb", IReadOnlyDictionary<string, string>? environment = null, bool waitServing = true, string extension = ".cfg")
    {
        var dir = Path.Combine(host.DataDirectory, name);
        Directory.CreateDirectory(dir);
        var path = Path.Combine(dir, "tcplb" + extension);
        await File.WriteAllTextAsync(path, config);
        var run = Path.Combine(dir, "run");
        var process = host.Start(Command("-f", path, "--run-dir", run, "--stop-grace", "5"), environment);
        var tcplb = new TcplbProcess(process, run, path);
        if (waitServing)
        {
            await tcplb.WaitListeningAsync();
        }

        return tcplb;
    }

    /// <summary>Waits until the admin socket says every frontend listens (works at any log level).</summary>
    public Task WaitListeningAsync() => Wait.UntilAsync(
        async ct =>
        {
            if (Process.HasExited)
            {
                throw new InvalidOperationException($"tcplb exited with {Process.ExitCode}: {Process.OutputText}");
            }

            try
            {
                return (await AdminClient.RequestAsync(AdminSocket, "status", TcplbJsonContext.Default.StatusReport, cancellationToken: ct)).Listening;
            }
            catch (AdminClientException)
            {
                return false;
            }
        },
        StartBound,
        "tcplb to listen");

    public Task<string> WaitForLogAsync(string text, TimeSpan? bound = null)
        => Process.WaitForOutputAsync(l => l.Contains(text, StringComparison.Ordinal), bound ?? StartBound);

    public int CountLog(string text) => Process.Output.Count(l => l.Text.Contains(text, StringComparison.Ordinal));

    /// <summary>Runs "tcplb ARGS --run-dir DIR" from the machine (the admin socket is a file on its disk).</summary>
    public Task<CliResult> CliAsync(params string[] args) => CliResult.RunAsync(RunDirectory, args);

    /// <summary>SIGTERM (graceful drain), SIGKILL after a bound; the lab disposes the process itself.</summary>
    public async ValueTask DisposeAsync() => await Process.StopAsync(TimeSpan.FromSeconds(10));
}
