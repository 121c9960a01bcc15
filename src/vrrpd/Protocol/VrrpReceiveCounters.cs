namespace HaKube.Vrrpd.Protocol;

/// <summary>
/// Per-instance receive counters: one per drop reason, plus what accepted packets had in note.
/// Written by the instance's event loop, read by status and metrics from any thread.
/// </summary>
internal sealed class VrrpReceiveCounters
{
    private readonly long[] _byReason = new long[Enum.GetValues<VrrpDropReason>().Length];
    private readonly long[] _acceptedByChecksum = new long[Enum.GetValues<VrrpChecksumKind>().Length];
    private long _addressListMismatches;
    private long _advertIntervalDiffered;

    /// <summary>Adverts accepted.</summary>
    public long Accepted => this[VrrpDropReason.None];

    /// <summary>Packets dropped for <paramref name="reason"/>; for None, the accepted ones.</summary>
    public long this[VrrpDropReason reason] => Volatile.Read(ref _byReason[(int)reason]);

    /// <summary>Accepted packets whose checksum was of <paramref name="kind"/> (v2 is always MessageOnly).</summary>
    public long AcceptedWithChecksum(VrrpChecksumKind kind) => Volatile.Read(ref _acceptedByChecksum[(int)kind]);

    /// <summary>Accepted packets whose address list differed from ours.</summary>
    public long AddressListMismatches => Volatile.Read(ref _addressListMismatches);

    /// <summary>Accepted v3 adverts whose interval differed from ours.</summary>
    public long AdvertIntervalDiffered => Volatile.Read(ref _advertIntervalDiffered);

    /// <summary>All drops except other virtual routers' adverts and our own, which are normal.</summary>
    public long Errors
    {
        get
        {
            long total = 0;
            foreach (var reason in Enum.GetValues<VrrpDropReason>())
            {
                if (reason is not (VrrpDropReason.None or VrrpDropReason.OtherVirtualRouter or VrrpDropReason.OwnPacket))
                {
                    total += this[reason];
                }
            }

            return total;
        }
    }

    /// <summary>
    /// A datagram larger than the receive buffer, so cut by the kernel: longer than any advert can be (RFC 5798 7.1's
    /// length check), counted as <see cref="VrrpDropReason.LengthMismatch"/> without being looked at.
    /// </summary>
    public void RecordTruncated() => Interlocked.Increment(ref _byReason[(int)VrrpDropReason.LengthMismatch]);

    public void Record(in VrrpReceiveVerdict verdict)
    {
        Interlocked.Increment(ref _byReason[(int)verdict.DropReason]);
        if (!verdict.Accepted)
        {
            return;
        }

        Interlocked.Increment(ref _acceptedByChecksum[(int)verdict.ChecksumKind]);
        if (verdict.AddressListMismatch)
        {
            Interlocked.Increment(ref _addressListMismatches);
        }

        if (verdict.AdvertIntervalDiffers)
        {
            Interlocked.Increment(ref _advertIntervalDiffered);
        }
    }
}
