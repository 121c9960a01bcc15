using System.Diagnostics;
using HaKube.Installer.Interop;
using HaKube.NetLab;

namespace HaKube.Installer.Lab;

/// <summary>Starts the supervisor detached from the terminal, and finds, signals and waits for it by PID.</summary>
internal static class SupervisorHandle
{
    /// <summary>
    /// Re-executes hakube as `hakube lab supervise` in a session of its own (setsid -f), its output going to the
    /// lab's log: it outlives the command that started it and no terminal signal reaches it.
    /// </summary>
    public static void Spawn(LabDirectory directory, LabMode mode, VrrpTimers timers, LabBinaries binaries)
    {
        Directory.CreateDirectory(directory.Path);
        var psi = new ProcessStartInfo("/bin/sh") { UseShellExecute = false };
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add("log=$1; shift; exec setsid -f \"$@\" >>\"$log\" 2>&1 </dev/null");
        psi.ArgumentList.Add("sh");
        psi.ArgumentList.Add(directory.LogFile);
        psi.ArgumentList.Add(binaries.Hakube);
        foreach (var arg in new[] { "lab", "supervise", "--lab-dir", directory.Path })
        {
            psi.ArgumentList.Add(arg);
        }

        if (mode == LabMode.Reference)
        {
            psi.ArgumentList.Add("--reference");
        }

        if (timers != VrrpTimers.Default)
        {
            psi.ArgumentList.Add("--advert-int");
            psi.ArgumentList.Add(timers.AdvertIntText);
        }

        if (binaries.DaemonDirectory is { } bin)
        {
            psi.ArgumentList.Add("--bin-dir");
            psi.ArgumentList.Add(bin);
        }

        using var shell = Process.Start(psi) ?? throw new LabCommandException("cannot start the lab supervisor");
        shell.WaitForExit();
        if (shell.ExitCode != 0)
        {
            throw new LabCommandException($"starting the lab supervisor failed (exit {shell.ExitCode}); see {directory.LogFile}");
        }
    }

    /// <summary>The supervisor's PID when it runs (same PID and start time as recorded), else null.</summary>
    public static int? Alive(LabDirectory directory, LabState? state)
    {
        if (state is { SupervisorPid: > 0 } s && ProcFs.IsRunning(s.SupervisorPid) && ProcFs.StartTime(s.SupervisorPid) == s.SupervisorStartTime)
        {
            return s.SupervisorPid;
        }

        // Before state.json exists: the pid file, checked to be hakube.
        try
        {
            var pid = int.Parse(File.ReadAllText(directory.PidFile).Trim(), System.Globalization.CultureInfo.InvariantCulture);
            return ProcFs.IsRunning(pid) && File.ReadAllText($"/proc/{pid}/cmdline").Contains("supervise", StringComparison.Ordinal) ? pid : null;
        }
        catch (Exception e) when (e is IOException or FormatException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Sends SIGTERM and waits (up to <paramref name="bound"/>) for the supervisor to exit; SIGKILL after that.</summary>
    public static async Task<bool> StopAsync(int pid, TimeSpan bound)
    {
        _ = LibC.Kill(pid, LibC.SigTerm);
        try
        {
            await Wait.UntilAsync(() => !ProcFs.IsRunning(pid), bound, $"the lab supervisor (pid {pid}) to clean up and exit");
            return true;
        }
        catch (TimeoutException)
        {
            _ = LibC.Kill(pid, LibC.SigKill);
            await Wait.UntilAsync(() => !ProcFs.IsRunning(pid), TimeSpan.FromSeconds(10), $"the lab supervisor (pid {pid}) to die");
            return false;
        }
    }
}
