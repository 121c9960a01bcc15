using HaKube.Vrrpd.Platform;

namespace HaKube.Vrrpd.Daemon;

/// <summary>
/// Which addresses on the interfaces are vrrpd's leftovers (pure selection; see src/vrrpd/Platform/README.md).
/// The IFA_PROTO tag alone could match an address another vrrpd in this namespace holds, and the record alone
/// could name an address an operator has since added by hand, so each rule asks for two witnesses.
/// </summary>
internal static class AddressCleanup
{
    /// <summary>`vrrpd --release`: addresses both recorded in the run directory and tagged as vrrpd's.</summary>
    public static IReadOnlyList<InterfaceAddress> ForRelease(IEnumerable<RecordedAddress> recorded, IEnumerable<InterfaceAddress> current)
    {
        var record = recorded.ToList();
        return [.. current.Where(a => a.IsOurs && record.Exists(r => r.Matches(a)))];
    }

    /// <summary>
    /// At start (never master yet): what <see cref="ForRelease"/> selects, plus the configured virtual addresses
    /// that carry our tag or are recorded (a copy left by a crashed run or by a vrrpd restarted without --release).
    /// </summary>
    public static IReadOnlyList<InterfaceAddress> AtStartup(
        IEnumerable<RecordedAddress> recorded, IEnumerable<InterfaceAddress> configured, IEnumerable<InterfaceAddress> current)
    {
        var record = recorded.ToList();
        var ours = configured.ToList();
        return [.. current.Where(a =>
        {
            var isRecorded = record.Exists(r => r.Matches(a));
            var isConfigured = ours.Exists(c => c.InterfaceIndex == a.InterfaceIndex && c.Address.Equals(a.Address));
            return (a.IsOurs && isRecorded) || (isConfigured && (a.IsOurs || isRecorded));
        })];
    }
}
