using System.Globalization;
using System.Runtime.InteropServices;
using HaKube.Common.Admin;
using HaKube.NetLab;

namespace HaKube.Installer.Lab;

/// <summary>
/// `hakube lab supervise`: the background process that owns a lab. It is a child subreaper, builds the lab,
/// records its state in the lab directory, serves `failover` and `restore` on control.sock, and on SIGTERM or
/// SIGINT (`lab down`) removes every namespace, process and file of the lab, the lab directory last.
/// </summary>
internal sealed class LabSupervisor(LabDirectory directory, LabMode mode, VrrpTimers timers, LabBinaries binaries) : IDisposable
{
    private readonly SemaphoreSlim _exclusive = new(1, 1);
    private readonly Lock _gate = new();
    private LabState? _state;
    private CancellationTokenSource? _operation;

    public async Task<int> RunAsync()
    {
        using var stop = new CancellationTokenSource();
        using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; stop.Cancel(); });
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => { c.Cancel = true; stop.Cancel(); });
        using var reaper = OrphanReaper.Start();
        Directory.CreateDirectory(directory.Path);
        await File.WriteAllTextAsync(directory.PidFile, Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + "\n", CancellationToken.None);

        var ok = false;
        LabRuntime? runtime = null;
        try
        {
            Log($"supervisor {Environment.ProcessId}: building the {mode} lab (advert_int {timers.AdvertIntText} s) in {directory.Path}");
            LabPki.Create(directory.PkiDirectory, LabTopology.Masters, LabTopology.Vip);
            var context = new LabContext(binaries, directory.CaFile, await File.ReadAllTextAsync(directory.CaFile, stop.Token), Log);
            runtime = await LabRuntime.BuildAsync(mode, timers, context, name => Update(NewState(name)), stop.Token);
            Update(_state! with { Phase = LabPhase.Ready, Hosts = runtime.Snapshot() });
            Log("ready");

            await using var control = new AdminServer(new AdminServerOptions { SocketPath = directory.ControlSocket, DaemonName = "the lab supervisor" });
            var lab = runtime;
            control.Map("failover", LabJsonContext.Default.FailoverArgs, LabJsonContext.Default.FailoverReport,
                (a, c) => ExclusiveAsync(lab, t => new FailoverRunner(lab).RunAsync(a.Fault, t), c));
            control.Map("restore", LabJsonContext.Default.RestoreReport, c => ExclusiveAsync(lab, lab.RestoreAsync, c));
            control.Map("cancel", LabJsonContext.Default.EmptyArgs, _ => Cancel());
            control.Start();
            await Task.Delay(Timeout.Infinite, stop.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            ok = true;
        }
        catch (Exception e) when (e is LabCommandException or LabException or TimeoutException or IOException or OperationCanceledException)
        {
            var message = e is OperationCanceledException ? "interrupted while building the lab" : e.Message;
            Log("failed: " + message);
            if (_state is not null)
            {
                Update(_state with { Phase = LabPhase.Failed, Error = message });
            }
            else
            {
                Update(NewState("") with { Phase = LabPhase.Failed, Error = message });
            }
        }
        finally
        {
            if (_state is { Phase: LabPhase.Ready })
            {
                Update(_state with { Phase = LabPhase.Stopping });
            }

            Log("removing the lab");
            await RemoveAsync(runtime);
            Log($"removed (reaped {reaper.Reaped} orphans)");
        }

        if (ok)
        {
            // Asked to end: nothing of the lab is left, the lab directory included.
            directory.Delete();
            return 0;
        }

        // Failed: state.json (with the error) and the log stay for `lab up` to show; it removes the directory.
        File.Delete(directory.PidFile);
        return 1;
    }

    public void Dispose() => _exclusive.Dispose();

    /// <summary>Stops the daemons in order (keepalived and vrrpd resign), then sweeps whatever is left of the run.</summary>
    private async Task RemoveAsync(LabRuntime? runtime)
    {
        try
        {
            if (runtime is not null)
            {
                await runtime.DisposeAsync();
            }
        }
        catch (Exception e) when (e is LabException or InvalidOperationException or IOException or TimeoutException)
        {
            Log($"stopping the lab's processes: {e.Message}; sweeping instead");
        }

        if (_state is { LabName.Length: > 0 } s && (LabSweeper.Namespaces(s.LabName).Count > 0 || Directory.Exists(Path.Combine(LabNames.RunRoot, s.LabName))))
        {
            await LabSweeper.RemoveAsync(s.LabName);
        }
    }

    private LabState NewState(string labName) => new()
    {
        Mode = mode,
        Phase = LabPhase.Starting,
        LabName = labName,
        SupervisorPid = Environment.ProcessId,
        SupervisorStartTime = ProcFs.StartTime(Environment.ProcessId) ?? 0,
        StartedAt = DateTimeOffset.UtcNow,
        Vip = LabTopology.Vip.ToString(),
        Port = LabTopology.ApiServerPort,
        CaFile = directory.CaFile,
        BinDirectory = binaries.DaemonDirectory,
        AdvertInt = timers.AdvertInt,
        VrrpVersion = timers.VersionFor(mode == LabMode.Reference ? GuideFiles.KeepalivedDefaultVersion : HaKubeFiles.DefaultVersion),
    };

    private void Update(LabState state)
    {
        lock (_gate)
        {
            _state = state;
            directory.WriteState(state);
        }
    }

    /// <summary>One operation at a time; `cancel` (sent by a CLI on Ctrl-C) ends the running one.</summary>
    private async ValueTask<T> ExclusiveAsync<T>(LabRuntime lab, Func<CancellationToken, Task<T>> operation, CancellationToken ct)
    {
        if (!await _exclusive.WaitAsync(0, ct))
        {
            throw new AdminCommandException("another failover or restore is running on this lab; wait for it or cancel it");
        }

        try
        {
            using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
            lock (_gate)
            {
                _operation = cts;
            }

            try
            {
                return await operation(cts.Token);
            }
            catch (LabCommandException e)
            {
                throw new AdminCommandException(e.Message, e);
            }
            catch (OperationCanceledException) when (cts.IsCancellationRequested && !ct.IsCancellationRequested)
            {
                throw new AdminCommandException("cancelled");
            }
            finally
            {
                lock (_gate)
                {
                    _operation = null;
                }

                Update(_state! with { Hosts = lab.Snapshot() });
            }
        }
        finally
        {
            _exclusive.Release();
        }
    }

    private ValueTask<EmptyArgs> Cancel()
    {
        lock (_gate)
        {
            _operation?.Cancel();
        }

        return ValueTask.FromResult(new EmptyArgs());
    }

    private static void Log(string message)
        => Console.WriteLine($"{DateTimeOffset.UtcNow:HH:mm:ss.fff} {message}");
}
