namespace HaKube.Vrrpd.Protocol;

/// <summary>The outcome of <see cref="VrrpReceiveChecks.Check"/>.</summary>
/// <param name="DropReason">None when accepted, else the first check that failed.</param>
/// <param name="ChecksumKind">Which checksum matched (meaningful once the checksum check passed).</param>
/// <param name="AddressListMismatch">Accepted, but the address list differs from ours (RFC 5798 7.1 "MAY verify"; Keepalived's vrrp_skip_check_adv_addr).</param>
/// <param name="AdvertIntervalDiffers">Accepted v3 advert whose interval differs from ours: a Backup adopts it (RFC 5798 6.4.2).</param>
internal readonly record struct VrrpReceiveVerdict(
    VrrpDropReason DropReason,
    VrrpChecksumKind ChecksumKind = VrrpChecksumKind.MessageOnly,
    bool AddressListMismatch = false,
    bool AdvertIntervalDiffers = false)
{
    public bool Accepted => DropReason == VrrpDropReason.None;
}
