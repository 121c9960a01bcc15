namespace HaKube.Vrrpd.Daemon;

/// <summary>
/// What an <see cref="AddressRecord"/> file says: the addresses, and whether the kernel was seen to drop vrrpd's
/// IFA_PROTO tag (Linux before 6.0), in which case the record alone tells which addresses this daemon added.
/// </summary>
internal readonly record struct AddressRecordContents(IReadOnlyList<RecordedAddress> Entries, bool TagDropped);
