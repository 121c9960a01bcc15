using HaKube.Vrrpd.Platform;

namespace HaKube.Vrrpd.Daemon;

/// <summary>
/// Which addresses on the interfaces are vrrpd's leftovers (pure selection; see src/vrrpd/Platform/README.md).
/// The IFA_PROTO tag alone could match an address another vrrpd in this namespace holds, and the record alone
/// could name an address an operator has since added by hand, so each rule asks for two witnesses, where the
/// kernel keeps the tag. Where it does not (Linux before 6.0: the daemon saw an address it added come back
/// untagged, and said so in the record), the record alone is the witness: it lists exactly what this daemon added.
/// </summary>
internal static class AddressCleanup
{
    /// <summary>
    /// `vrrpd --release`: addresses recorded in the run directory and tagged as vrrpd's; when
    /// <paramref name="tagDropped"/>, every recorded address present.
    /// </summary>
    public static IReadOnlyList<InterfaceAddress> ForRelease(IEnumerable<RecordedAddress> recorded, IEnumerable<InterfaceAddress> current, bool tagDropped)
    {
        var record = recorded.ToList();
        return [.. current.Where(a => (a.IsOurs || tagDropped) && record.Exists(r => r.Matches(a)))];
    }

    /// <summary>
    /// At start (never master yet): what <see cref="ForRelease"/> selects, plus the configured virtual addresses
    /// that carry our tag or are recorded (a copy left by a crashed run or by a vrrpd restarted without --release).
    /// </summary>
    public static IReadOnlyList<InterfaceAddress> AtStartup(
        IEnumerable<RecordedAddress> recorded, IEnumerable<InterfaceAddress> configured, IEnumerable<InterfaceAddress> current, bool tagDropped)
    {
        var record = recorded.ToList();
        var ours = configured.ToList();
        return [.. current.Where(a =>
        {
            var isRecorded = record.Exists(r => r.Matches(a));
            var isConfigured = ours.Exists(c => c.InterfaceIndex == a.InterfaceIndex && c.Address.Equals(a.Address));
            return ((a.IsOurs || tagDropped) && isRecorded) || (isConfigured && (a.IsOurs || isRecorded));
        })];
    }

    /// <summary>
    /// At start, the configured virtual addresses already on an interface that this daemon did not add (neither tagged
    /// nor recorded, so <see cref="AtStartup"/> leaves them): a copy Keepalived left when it was killed during a move to
    /// vrrpd, or one added by hand. An instance starts as backup, and a backup never holds its VIP (issue 3: stale
    /// copies are removed unless we are master), or the segment would see it on two nodes once the master answers. Pass
    /// only the addresses of instances that do not own them (priority 255 owns its addresses: they are the host's own).
    /// </summary>
    public static IReadOnlyList<InterfaceAddress> ForeignCopiesAtStartup(
        IEnumerable<RecordedAddress> recorded, IEnumerable<InterfaceAddress> configuredNotOwned, IEnumerable<InterfaceAddress> current, bool tagDropped)
    {
        var ours = AtStartup(recorded, configuredNotOwned, current, tagDropped);
        var configured = configuredNotOwned.ToList();
        return [.. current.Where(a => !ours.Contains(a) && configured.Exists(c => c.InterfaceIndex == a.InterfaceIndex && c.Address.Equals(a.Address)))];
    }

    /// <summary>
    /// The recorded addresses still on an interface after --release tried to remove them (whoever holds them now):
    /// while any is, no priority-0 advert may go out, or the backup taking over would hold the same address.
    /// </summary>
    public static IReadOnlyList<InterfaceAddress> StillHeld(IEnumerable<RecordedAddress> recorded, IEnumerable<InterfaceAddress> current)
    {
        var record = recorded.ToList();
        return [.. current.Where(a => record.Exists(r => r.Matches(a)))];
    }

    /// <summary>
    /// Whether the kernel dropped the IFA_PROTO tag on addresses just added: true when one of
    /// <paramref name="added"/> reads back untagged, false when one reads back tagged, null when none is there to tell.
    /// </summary>
    public static bool? KernelDroppedTag(IEnumerable<InterfaceAddress> added, IEnumerable<InterfaceAddress> current)
    {
        var wanted = added.ToList();
        foreach (var address in current)
        {
            if (wanted.Exists(w => w.InterfaceIndex == address.InterfaceIndex && w.Address.Equals(address.Address)))
            {
                return !address.IsOurs;
            }
        }

        return null;
    }
}
