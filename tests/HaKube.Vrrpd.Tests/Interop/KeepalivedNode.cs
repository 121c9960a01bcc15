using System.Text.RegularExpressions;
using HaKube.NetLab;
using HaKube.Vrrpd.Tests.Integration;

namespace HaKube.Vrrpd.Tests.Interop;

/// <summary>
/// A lab host running Debian's Keepalived 2.2.7 (VRRP only) in the foreground: `keepalived -n -l -D --vrrp`, its
/// pid files in a directory of its own (/run is shared by every namespace), its log on the console.
/// </summary>
internal sealed partial class KeepalivedNode
{
    private const int SigTerm = 15;

    public KeepalivedNode(LabHost host)
    {
        Host = host;
        Directory = Path.Combine(host.DataDirectory, "keepalived");
        ConfigPath = Path.Combine(Directory, "keepalived.conf");
        PidFile = Path.Combine(Directory, "keepalived.pid");
        VrrpPidFile = Path.Combine(Directory, "vrrp.pid");
    }

    public LabHost Host { get; }

    public string Name => Host.Name;

    public string Directory { get; }

    public string ConfigPath { get; }

    public string PidFile { get; }

    public string VrrpPidFile { get; }

    /// <summary>The keepalived parent; its VRRP child runs in the same process group.</summary>
    public LabProcess? Daemon { get; private set; }

    public Task WriteConfigAsync(string text)
    {
        System.IO.Directory.CreateDirectory(Directory);
        return File.WriteAllTextAsync(ConfigPath, text);
    }

    /// <summary>Starts keepalived and waits until its VRRP instance has entered its first state.</summary>
    public async Task<LabProcess> StartAsync()
    {
        // A SIGKILLed keepalived leaves its pid files behind; a restart must not take them for a running instance.
        File.Delete(PidFile);
        File.Delete(VrrpPidFile);
        Daemon = Host.Start(["keepalived", "-n", "-l", "-D", "--vrrp", "-f", ConfigPath, "-p", PidFile, "-r", VrrpPidFile]);
        await Daemon.WaitForOutputAsync(l => StateLine().IsMatch(l), Bounds.Start);
        return Daemon;
    }

    /// <summary>SIGTERM to the parent (it stops its VRRP child, which resigns with priority 0), then waits for the exit.</summary>
    public async Task TerminateAsync()
    {
        Daemon!.Signal(SigTerm);
        await Daemon.WaitForExitAsync(Bounds.Start);
    }

    /// <summary>A crash: SIGKILL to the whole process group at once (parent and VRRP child), so nothing resigns or respawns.</summary>
    public Task KillAsync() => Daemon!.KillAsync();

    /// <summary>The state of the last "Entering X STATE" line the current process logged (MASTER, BACKUP, FAULT), or null.</summary>
    public string? State => Daemon?.Output.Select(l => StateLine().Match(l.Text)).LastOrDefault(m => m.Success)?.Groups[1].Value;

    public bool Logged(string text) => Daemon?.Output.Any(l => l.Text.Contains(text, StringComparison.Ordinal)) == true;

    public Task<bool> HoldsAsync(System.Net.IPAddress vip) => Host.HasAddressAsync(vip);

    [GeneratedRegex(@"Entering (MASTER|BACKUP|FAULT) STATE")]
    private static partial Regex StateLine();
}
