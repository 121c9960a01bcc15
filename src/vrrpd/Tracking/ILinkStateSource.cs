using HaKube.Vrrpd.Platform;

namespace HaKube.Vrrpd.Tracking;

/// <summary>
/// Link state as the interface trackers need it: kernel-pushed changes plus a way to re-read one link.
/// The daemon passes <see cref="NetlinkLinkStateSource"/> (over its <see cref="NetlinkMonitor"/> and
/// <see cref="RtnetlinkClient"/>); tests pass a fake.
/// </summary>
internal interface ILinkStateSource
{
    /// <summary>A link appeared, or its up / running / carrier flags or operstate changed.</summary>
    event EventHandler<LinkInfo>? LinkChanged;

    /// <summary>A link was deleted.</summary>
    event EventHandler<LinkInfo>? LinkRemoved;

    /// <summary>Events were lost: re-read what you depend on.</summary>
    event EventHandler? Overrun;

    /// <summary>The link called <paramref name="name"/> now, or null when there is none.</summary>
    Task<LinkInfo?> GetLinkAsync(string name, CancellationToken ct = default);
}
