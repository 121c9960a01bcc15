using HaKube.Vrrpd.Platform;

namespace HaKube.Vrrpd.Tracking;

/// <summary>
/// The real <see cref="ILinkStateSource"/>: events from the daemon's <see cref="NetlinkMonitor"/>, reads through
/// its <see cref="RtnetlinkClient"/>. Both must have been opened in the daemon's network namespace; the caller
/// keeps owning (and starting, and disposing) them.
/// </summary>
internal sealed class NetlinkLinkStateSource(NetlinkMonitor monitor, RtnetlinkClient client) : ILinkStateSource
{
    private readonly NetlinkMonitor _monitor = monitor ?? throw new ArgumentNullException(nameof(monitor));
    private readonly RtnetlinkClient _client = client ?? throw new ArgumentNullException(nameof(client));

    public event EventHandler<LinkInfo>? LinkChanged
    {
        add => _monitor.LinkChanged += value;
        remove => _monitor.LinkChanged -= value;
    }

    public event EventHandler<LinkInfo>? LinkRemoved
    {
        add => _monitor.LinkRemoved += value;
        remove => _monitor.LinkRemoved -= value;
    }

    public event EventHandler? Overrun
    {
        add => _monitor.Overrun += value;
        remove => _monitor.Overrun -= value;
    }

    public Task<LinkInfo?> GetLinkAsync(string name, CancellationToken ct = default) => _client.GetLinkAsync(name, ct);
}
