using System.Globalization;
using HaKube.Common.Daemon;
using HaKube.Vrrpd.Daemon;
using HaKube.Vrrpd.Platform;

namespace HaKube.Vrrpd.Cli;

/// <summary>
/// `vrrpd --release`: after vrrpd stopped (ExecStopPost, even after SIGKILL or an OOM kill), removes exactly the
/// addresses it added: recorded in the run directory and tagged with IFA_PROTO 112. Refuses while a vrrpd still
/// holds the run directory.
/// </summary>
internal static class ReleaseCommand
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
        var recorded = AddressRecord.Read(recordPath);
        if (recorded.Count == 0)
        {
            await output.WriteLineAsync($"vrrpd --release: no addresses recorded in {runDirectory}; nothing to do");
            return ExitCodes.Success;
        }

        using var rtnl = RtnetlinkClient.Open();
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
            return ExitCodes.ReleaseFailed;
        }

        File.Delete(recordPath);
        return ExitCodes.Success;
    }
}
