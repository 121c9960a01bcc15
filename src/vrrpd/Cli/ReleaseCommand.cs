using System.Globalization;
using HaKube.Common.Daemon;
using HaKube.Vrrpd.Daemon;
using HaKube.Vrrpd.Platform;

namespace HaKube.Vrrpd.Cli;

/// <summary>
/// `vrrpd --release`: after vrrpd stopped (ExecStopPost, even after SIGKILL or an OOM kill), (a) removes exactly the
/// addresses it added: recorded in the run directory and tagged with IFA_PROTO 112; (b) resigns for the instances that
/// were master, sending the priority-0 adverts the daemon recorded (<see cref="ResignRecord"/>), so the backup takes
/// over at once; (c) deletes that record. Refuses while a vrrpd still holds the run directory. Exit 0 unless an
/// address could not be removed (then no advert is sent either: a backup taking over would hold the VIP too).
/// </summary>
internal static partial class ReleaseCommand
{
    public static async Task<int> RunAsync(string runDirectory, TextWriter output, TextWriter error, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        var c = CultureInfo.InvariantCulture;
        if (RunDirectory.TryGetRunningPid(runDirectory, "vrrpd", out var pid))
        {
            await error.WriteLineAsync(string.Create(c, $"vrrpd --release: vrrpd (pid {pid}) is running with run directory {runDirectory}; it removes its own addresses when it stops (use 'vrrpd maint on' to move them away now)"));
            return ExitCodes.ReleaseFailed;
        }

        var recordPath = Path.Join(runDirectory, AddressRecord.FileName);
        var resignPath = Path.Join(runDirectory, ResignRecord.FileName);
        var recorded = AddressRecord.Read(recordPath);
        var resignations = ReadResignations(resignPath, error);
        if (recorded.Count == 0 && resignations is null)
        {
            await output.WriteLineAsync($"vrrpd --release: no addresses recorded and no resign record in {runDirectory}; nothing to do");
            return ExitCodes.Success;
        }

        using var rtnl = RtnetlinkClient.Open();
        var released = true;
        if (recorded.Count == 0)
        {
            await output.WriteLineAsync($"vrrpd --release: no addresses recorded in {runDirectory}");
        }
        else
        {
            released = await ReleaseAddressesAsync(rtnl, recordPath, recorded, output, error, ct);
        }

        if (resignations is null)
        {
            await output.WriteLineAsync($"vrrpd --release: no resign record in {runDirectory} (no instance was master): no priority-0 advert to send");
        }
        else
        {
            await ResignAsync(rtnl, runDirectory, resignPath, resignations, released, output, error, ct);
        }

        return released ? ExitCodes.Success : ExitCodes.ReleaseFailed;
    }

    /// <summary>Step (a): true when every recorded address we still hold is gone; the failures stay in the record.</summary>
    private static async Task<bool> ReleaseAddressesAsync(RtnetlinkClient rtnl, string recordPath, IReadOnlyList<RecordedAddress> recorded,
        TextWriter output, TextWriter error, CancellationToken ct)
    {
        var c = CultureInfo.InvariantCulture;
        var current = await rtnl.GetAddressesAsync(ct: ct);
        var targets = AddressCleanup.ForRelease(recorded, current);
        var failed = new List<RecordedAddress>();
        foreach (var address in targets)
        {
            try
            {
                await rtnl.DeleteAddressAsync(address, ct);
                await output.WriteLineAsync(string.Create(c, $"released {address.Address}/{address.PrefixLength} (ifindex {address.InterfaceIndex})"));
            }
            catch (PlatformException e)
            {
                await error.WriteLineAsync($"vrrpd --release: {e.Message}");
                failed.Add(RecordedAddress.From(address));
            }
        }

        foreach (var entry in recorded.Where(r => !targets.Any(r.Matches)))
        {
            var present = current.FirstOrDefault(r => entry.Matches(r));
            var why = present is null ? "not present" : "present but not tagged as vrrpd's (IFA_PROTO 112): someone else's now";
            await output.WriteLineAsync(string.Create(c, $"left {entry.Address}/{entry.PrefixLength} (ifindex {entry.InterfaceIndex}) alone: {why}"));
        }

        if (failed.Count > 0)
        {
            using var record = new AddressRecord(recordPath);
            await record.ResetAsync(failed, ct);
            return false;
        }

        File.Delete(recordPath);
        return true;
    }
}
