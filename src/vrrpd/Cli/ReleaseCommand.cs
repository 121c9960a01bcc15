using System.Globalization;
using HaKube.Common.Daemon;
using HaKube.Vrrpd.Daemon;
using HaKube.Vrrpd.Platform;

namespace HaKube.Vrrpd.Cli;

/// <summary>
/// `vrrpd --release`: after vrrpd stopped (ExecStopPost, even after SIGKILL or an OOM kill), (a) removes exactly the
/// addresses it added: recorded in the run directory and tagged with IFA_PROTO 112 (or recorded alone, where the
/// record says the kernel drops the tag); (b) resigns for the instances that were master, sending the priority-0
/// adverts the daemon recorded (<see cref="ResignRecord"/>), so the backup takes over at once; (c) deletes that record.
/// Refuses while a vrrpd still holds the run directory. Exit 0 unless a recorded address is still on an interface
/// afterwards, whoever holds it (then no advert is sent either: a backup taking over would hold the same address).
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
        var record = AddressRecord.ReadContents(recordPath);
        var recorded = record.Entries;
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
            released = await ReleaseAddressesAsync(rtnl, recordPath, record, output, error, ct);
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

    /// <summary>
    /// Step (a): true when no recorded address is left on an interface. Those still there (not removable, or someone
    /// else's now and left alone) stay in the record and block the resignation, now and at the next --release.
    /// </summary>
    private static async Task<bool> ReleaseAddressesAsync(RtnetlinkClient rtnl, string recordPath, AddressRecordContents record,
        TextWriter output, TextWriter error, CancellationToken ct)
    {
        var c = CultureInfo.InvariantCulture;
        var recorded = record.Entries;
        var current = await rtnl.GetAddressesAsync(ct: ct);
        var targets = AddressCleanup.ForRelease(recorded, current, record.TagDropped);
        if (record.TagDropped)
        {
            await output.WriteLineAsync("vrrpd --release: this kernel keeps no IFA_PROTO tag (the daemon saw it dropped): removing every recorded address present");
        }

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
            }
        }

        foreach (var entry in recorded.Where(r => !targets.Any(r.Matches)))
        {
            var present = current.FirstOrDefault(r => entry.Matches(r));
            var why = present is null ? "not present" : "present but not tagged as vrrpd's (IFA_PROTO 112): someone else's now";
            await output.WriteLineAsync(string.Create(c, $"left {entry.Address}/{entry.PrefixLength} (ifindex {entry.InterfaceIndex}) alone: {why}"));
        }

        // Whatever happened above, what counts for the resignation is what the interfaces hold now.
        var held = AddressCleanup.StillHeld(recorded, await rtnl.GetAddressesAsync(ct: ct));
        foreach (var address in held)
        {
            await error.WriteLineAsync(string.Create(c, $"vrrpd --release: error: {address.Address}/{address.PrefixLength} (ifindex {address.InterfaceIndex}) is still on the interface"));
        }

        // Kept while any is on an interface, so the next --release checks again before it may resign.
        if (held.Count > 0)
        {
            using var kept = new AddressRecord(recordPath);
            await kept.ResetAsync(held.Select(RecordedAddress.From), record.TagDropped, ct);
        }
        else
        {
            File.Delete(recordPath);
        }

        return held.Count == 0;
    }
}
