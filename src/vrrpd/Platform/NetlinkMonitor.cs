using System.Net.Sockets;
using HaKube.Vrrpd.Interop;

namespace HaKube.Vrrpd.Platform;

/// <summary>
/// Follows rtnetlink's multicast groups (RTNLGRP_LINK, RTNLGRP_IPV4_IFADDR, RTNLGRP_IPV6_IFADDR) and raises an
/// event for each address added or removed and each change of a link's usable state. Kernel-pushed, no polling.
/// Handlers run on the monitor's receive loop: keep them short (post into the instance's channel).
/// </summary>
internal sealed class NetlinkMonitor : IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly byte[] _buffer = new byte[64 * 1024];
    private readonly Dictionary<int, LinkInfo> _links = [];
    private readonly CancellationTokenSource _stop = new();
    private Task? _loop;

    private NetlinkMonitor(Socket socket) => _socket = socket;

    /// <summary>An address was added (or its flags changed) or removed, on any interface.</summary>
    public event EventHandler<AddressChange>? AddressChanged;

    /// <summary>A link appeared, or its up / running / carrier flags or operstate changed.</summary>
    public event EventHandler<LinkInfo>? LinkChanged;

    /// <summary>A link was deleted.</summary>
    public event EventHandler<LinkInfo>? LinkRemoved;

    /// <summary>
    /// The kernel dropped events (ENOBUFS: the socket's queue overflowed). Re-read the state you depend on
    /// through <see cref="RtnetlinkClient"/>.
    /// </summary>
    public event EventHandler? Overrun;

    /// <summary>A handler threw; the monitor keeps running.</summary>
    public event EventHandler<Exception>? HandlerFailed;

    /// <summary>Opens the monitor's socket in the calling thread's network namespace; events flow after <see cref="Start"/>.</summary>
    public static NetlinkMonitor Open()
        => new(NetlinkSocketFactory.Open([Rtnl.RtnlGroupLink, Rtnl.RtnlGroupIPv4Address, Rtnl.RtnlGroupIPv6Address]));

    /// <summary>Starts the receive loop. Events raised between <see cref="Open"/> and here are queued by the kernel, not lost.</summary>
    public void Start() => _loop ??= Task.Run(() => RunAsync(_stop.Token));

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_loop is not null)
        {
            await _loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        _socket.Dispose();
        _stop.Dispose();
    }

    private async Task RunAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            int n;
            try
            {
                n = await _socket.ReceiveAsync(_buffer, SocketFlags.None, ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.NoBufferSpaceAvailable)
            {
                Raise(() => Overrun?.Invoke(this, EventArgs.Empty));
                continue;
            }

            Dispatch(n);
        }
    }

    private void Dispatch(int length)
    {
        ReadOnlySpan<byte> datagram = _buffer.AsSpan(0, length);
        while (NetlinkMessageReader.TryReadMessage(ref datagram, out var header, out var payload))
        {
            switch (header.Type)
            {
                case Rtnl.RtmNewAddr or Rtnl.RtmDelAddr when RtnetlinkParser.TryParseAddress(payload, out var address):
                    var change = new AddressChange(header.Type == Rtnl.RtmNewAddr, address!);
                    Raise(() => AddressChanged?.Invoke(this, change));
                    break;
                case Rtnl.RtmNewLink when RtnetlinkParser.TryParseLink(payload, out var link):
                    // RTM_NEWLINK also reports statistics and other changes: pass on only what a tracker follows.
                    if (!_links.TryGetValue(link!.Index, out var before) || before.Flags != link.Flags || before.OperationalState != link.OperationalState)
                    {
                        _links[link.Index] = link;
                        Raise(() => LinkChanged?.Invoke(this, link));
                    }

                    break;
                case Rtnl.RtmDelLink when RtnetlinkParser.TryParseLink(payload, out var gone):
                    _links.Remove(gone!.Index);
                    Raise(() => LinkRemoved?.Invoke(this, gone));
                    break;
                case Rtnl.NlmsgOverrun:
                    Raise(() => Overrun?.Invoke(this, EventArgs.Empty));
                    break;
                default:
                    break;
            }
        }
    }

    private void Raise(Action raise)
    {
        try
        {
            raise();
        }
#pragma warning disable CA1031 // A faulty handler must not stop the monitor; it is reported, not swallowed.
        catch (Exception e)
#pragma warning restore CA1031
        {
            HandlerFailed?.Invoke(this, e);
        }
    }
}
