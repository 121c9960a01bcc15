using System.Diagnostics;
using HaKube.Common.Admin;
using HaKube.Installer.Interop;
using HaKube.NetLab;

namespace HaKube.Installer.Lab;

/// <summary>The `hakube lab` commands a user runs; the lab itself lives in the supervisor.</summary>
internal sealed class LabCli(LabDirectory directory, TextWriter output)
{
    private static readonly TimeSpan UpBound = TimeSpan.FromSeconds(180);
    private static readonly TimeSpan DownBound = TimeSpan.FromSeconds(60);
    private static readonly AdminClientOptions Control = new() { DaemonName = "the lab supervisor", Timeout = TimeSpan.FromSeconds(180) };

    /// <summary>`lab up`: starts a supervisor and waits until the lab is ready; Ctrl-C ends it and removes the lab.</summary>
    public async Task<LabState> UpAsync(LabMode mode, string? binDirectory, VrrpTimers timers, CancellationToken ct)
    {
        RequireRoot();
        var binaries = LabBinaries.Find(binDirectory);
        binaries.Check(mode);
        var existing = directory.ReadState();
        if (SupervisorHandle.Alive(directory, existing) is { } running)
        {
            throw new LabCommandException($"a lab is already up in {directory.Path} (supervisor pid {running}); `hakube lab down --lab-dir {directory.Path}` first, or give another --lab-dir");
        }

        if (Directory.Exists(directory.Path))
        {
            // What a dead supervisor left behind.
            await SweepAsync(existing);
        }

        SupervisorHandle.Spawn(directory, mode, timers, binaries);
        var clock = Stopwatch.StartNew();
        try
        {
            while (true)
            {
                await Task.Delay(100, ct);
                var state = directory.ReadState();
                if (state is { Phase: LabPhase.Ready })
                {
                    return state;
                }

                var alive = SupervisorHandle.Alive(directory, state);
                if (state is { Phase: LabPhase.Failed } || (alive is null && clock.Elapsed > TimeSpan.FromSeconds(20)))
                {
                    if (alive is { } pid)
                    {
                        await Wait.UntilAsync(() => !ProcFs.IsRunning(pid), DownBound, "the supervisor to clean up", CancellationToken.None);
                    }

                    var error = directory.ReadState()?.Error ?? "the supervisor exited";
                    var log = Tail(directory.LogFile);
                    await SweepAsync(directory.ReadState());
                    throw new LabCommandException($"lab up failed: {error}\nsupervisor log:\n{log}");
                }

                if (clock.Elapsed > UpBound)
                {
                    await DownAsync(CancellationToken.None);
                    throw new LabCommandException($"lab up did not finish within {UpBound.TotalSeconds} s; the lab was removed");
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            await output.WriteLineAsync("interrupted: removing the lab");
            await DownAsync(CancellationToken.None);
            throw;
        }
    }

    /// <summary>`lab status`: the recorded state and who holds the VIP now.</summary>
    public async Task<LabStatus> StatusAsync(CancellationToken ct)
    {
        var state = directory.ReadState() ?? throw new LabCommandException($"no lab in {directory.Path}: `hakube lab up` first");
        var alive = SupervisorHandle.Alive(directory, state) is not null;
        var holders = new List<string>();
        foreach (var host in state.Hosts.Where(h => h.Role == LabRole.LoadBalancer))
        {
            var result = await RunAsync(["ip", "-n", host.Namespace, "-o", "addr", "show", "dev", LabTopology.Interface], ct);
            if (result.Contains($" {state.Vip}/", StringComparison.Ordinal))
            {
                holders.Add(host.Name);
            }
        }

        var dead = state.Hosts.SelectMany(h => h.Processes.Where(p => !ProcFs.IsRunning(p.Pid)).Select(p => $"{h.Name}/{p.Name} (pid {p.Pid})")).ToList();
        return new LabStatus(state, alive, holders, dead);
    }

    /// <summary>`lab down`: asks the supervisor to end the lab and waits; sweeps what a dead one left. Returns what was done.</summary>
    public async Task<string> DownAsync(CancellationToken ct)
    {
        RequireRoot();
        var state = directory.ReadState();
        if (SupervisorHandle.Alive(directory, state) is { } pid)
        {
            var clean = await SupervisorHandle.StopAsync(pid, DownBound);
            await SweepAsync(directory.ReadState() ?? state);
            return clean ? $"lab {state?.LabName} ended by its supervisor (pid {pid})" : $"the supervisor (pid {pid}) did not end in time and was killed; swept what it left";
        }

        if (state is null && !Directory.Exists(directory.Path))
        {
            var swept = await LabSweeper.SweepAsync(ct);
            return swept.Count == 0 ? $"no lab in {directory.Path}" : $"no lab in {directory.Path}; swept dead runs {string.Join(", ", swept)}";
        }

        await SweepAsync(state);
        return $"the supervisor was gone; swept lab {state?.LabName} and {directory.Path}";
    }

    /// <summary>`lab failover`: asks the supervisor to run it (the balancer kill unless <paramref name="fault"/> says otherwise); Ctrl-C cancels it there.</summary>
    public Task<FailoverReport> FailoverAsync(LabFault fault, CancellationToken ct)
        => RequestAsync("failover", c => AdminClient.RequestAsync(directory.ControlSocket, "failover", new FailoverArgs { Fault = fault },
            LabJsonContext.Default.FailoverArgs, LabJsonContext.Default.FailoverReport, Control, c), ct);

    /// <summary>`lab restore`: undoes the fault (restarts killed daemons, plugs a cut node back in) and waits for a stable VIP.</summary>
    public Task<RestoreReport> RestoreAsync(CancellationToken ct)
        => RequestAsync("restore", c => AdminClient.RequestAsync(directory.ControlSocket, "restore", LabJsonContext.Default.RestoreReport, Control, c), ct);

    private async Task<T> RequestAsync<T>(string command, Func<CancellationToken, Task<T>> request, CancellationToken ct)
    {
        RequireRoot();
        var state = directory.ReadState();
        if (state is not { Phase: LabPhase.Ready } || SupervisorHandle.Alive(directory, state) is null)
        {
            throw new LabCommandException($"no running lab in {directory.Path}: `hakube lab up` first");
        }

        try
        {
            return await request(ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            await output.WriteLineAsync($"interrupted: cancelling the {command}");
            try
            {
                await AdminClient.RequestAsync(directory.ControlSocket, "cancel", LabJsonContext.Default.EmptyArgs, Control with { Timeout = TimeSpan.FromSeconds(5) }, CancellationToken.None);
            }
            catch (AdminClientException e)
            {
                await output.WriteLineAsync($"could not cancel: {e.Message}");
            }

            throw;
        }
        catch (AdminClientException e)
        {
            throw new LabCommandException($"{command}: {e.Message}", e);
        }
    }

    /// <summary>Removes a lab whose supervisor is gone: its NetLab run, dead runs, and the lab directory.</summary>
    private async Task SweepAsync(LabState? state)
    {
        if (state is { LabName.Length: > 0 } s && !LabSweeper.IsOwnerAlive(s.LabName))
        {
            await LabSweeper.RemoveAsync(s.LabName);
        }

        await LabSweeper.SweepAsync();
        directory.Delete();
    }

    private static void RequireRoot()
    {
        if (LibC.GetEuid() != 0)
        {
            throw new LabCommandException("hakube lab needs root: it creates network namespaces, veth pairs and mounts");
        }
    }

    private static string Tail(string file)
    {
        try
        {
            var lines = File.ReadAllLines(file);
            return string.Join('\n', lines.Skip(Math.Max(0, lines.Length - 30)).Select(l => "  " + l));
        }
        catch (IOException)
        {
            return "  (no log)";
        }
    }

    private static async Task<string> RunAsync(IReadOnlyList<string> argv, CancellationToken ct)
    {
        var psi = new ProcessStartInfo(argv[0]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in argv.Skip(1))
        {
            psi.ArgumentList.Add(a);
        }

        using var process = Process.Start(psi)!;
        var text = await process.StandardOutput.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        return text;
    }
}
