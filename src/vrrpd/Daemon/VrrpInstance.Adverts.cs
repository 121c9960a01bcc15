using System.Net.Sockets;
using HaKube.Vrrpd.Platform;
using HaKube.Vrrpd.Protocol;
using HaKube.Vrrpd.StateMachine;

namespace HaKube.Vrrpd.Daemon;

internal sealed partial class VrrpInstance
{
    private readonly byte[] _sendBuffer;
    private readonly PacketAddress[] _peerDestinations;
    private long _advertsSent;
    private long _sendFailures;
    private SocketError[]? _lastSendErrors;

    /// <summary>Adverts that the kernel refused (any thread).</summary>
    public long AdvertSendFailures => Interlocked.Read(ref _sendFailures);

    /// <summary>One advert with <paramref name="priority"/> to each unicast peer, or to the multicast group.</summary>
    private void SendAdverts(byte priority)
    {
        var writer = Settings.Writer;
        if (_peerDestinations.Length == 0)
        {
            var group = writer.Source.IsIPv6 ? VrrpConstants.Ipv6MulticastGroup : VrrpConstants.Ipv4MulticastGroup;
            var length = writer.Write(_sendBuffer, priority, group);
            Sent(_socket.SendMulticast(_sendBuffer.AsSpan(0, length)), 0, "multicast");
            return;
        }

        for (var i = 0; i < _peerDestinations.Length; i++)
        {
            // The v3 checksum covers the destination, so each peer gets its own encoding.
            var length = writer.Write(_sendBuffer, priority, Settings.Peers[i]);
            Sent(_socket.Send(_sendBuffer.AsSpan(0, length), _peerDestinations[i]), i, Settings.Peers[i]);
        }
    }

    private void Sent(SocketError error, int destinationIndex, object destination)
    {
        var last = _lastSendErrors ??= new SocketError[Math.Max(1, _peerDestinations.Length)];
        if (error == SocketError.Success)
        {
            Interlocked.Increment(ref _advertsSent);
            if (last[destinationIndex] != SocketError.Success)
            {
                Log.SendRecovered(_logger, Name, destination);
                last[destinationIndex] = SocketError.Success;
            }

            return;
        }

        Interlocked.Increment(ref _sendFailures);
        // Logged when a destination's error changes, not per advert: a firewall or a downed link would flood the journal.
        if (error != last[destinationIndex])
        {
            Log.SendFailed(_logger, Name, destination, error);
            last[destinationIndex] = error;
        }
    }

    private async Task ReceiveLoopAsync(CancellationToken ct)
    {
        var buffer = new byte[ReceiveBufferSize];
        while (!ct.IsCancellationRequested)
        {
            ReceivedAdvert received;
            try
            {
                received = await _socket.ReceiveAsync(buffer, ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is PlatformException or SocketException)
            {
                Log.ReceiveFailed(_logger, Name, e);
                await Task.Delay(TimeSpan.FromMilliseconds(100), _time, ct).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                continue;
            }

            if (received.Truncated)
            {
                Counters.RecordTruncated();
                continue;
            }

            if (Check(buffer.AsSpan(0, received.Length), received) is { } advert)
            {
                Post(InstanceEvent.ForMachine(advert));
            }
        }
    }

    /// <summary>The receive checks (RFC 5798 7.1) off the loop; every verdict is counted, only accepted adverts go on.</summary>
    private VrrpEvent? Check(ReadOnlySpan<byte> payload, in ReceivedAdvert received)
    {
        var metadata = new VrrpReceiveMetadata(ToVrrpAddress(received.Source), ToVrrpAddress(received.Destination), (byte)Math.Clamp(received.TimeToLive, 0, 255));
        var verdict = VrrpReceiveChecks.Check(payload, metadata, Settings.Receive, out var packet);
        Counters.Record(verdict);
        if (verdict.Accepted)
        {
            NoteAddressList(verdict.AddressListMismatch, metadata.Source, packet);
        }

        return verdict.Accepted
            ? VrrpEvent.AdvertReceived(packet.Priority, packet.AdvertisementIntervalCentiseconds, metadata.Source)
            : null;
    }

    /// <summary>
    /// An advert whose address list differs from ours is accepted (RFC 5798 7.1) and counted; the operator hears of it
    /// once per sender when it starts and once when it ends, since it means virtual_ipaddress differs between nodes.
    /// Runs on the receive loop only, which owns <see cref="_addressListDiffersFrom"/>.
    /// </summary>
    private void NoteAddressList(bool mismatch, VrrpAddress source, in VrrpPacket packet)
    {
        if (mismatch && _addressListDiffersFrom != source)
        {
            _addressListDiffersFrom = source;
            var theirs = new List<string>(packet.AddressCount);
            for (var i = 0; i < packet.AddressCount; i++)
            {
                theirs.Add(packet.GetAddress(i).ToString());
            }

            var ours = string.Join(", ", Settings.Receive.VirtualAddresses.Select(a => a.ToString()));
            Log.AddressListDiffers(_logger, Name, source, theirs.Count == 0 ? "none" : string.Join(", ", theirs), ours);
        }
        else if (!mismatch && _addressListDiffersFrom == source)
        {
            _addressListDiffersFrom = null;
            Log.AddressListMatchesAgain(_logger, Name, source);
        }
    }

    private static VrrpAddress ToVrrpAddress(PacketAddress address)
    {
        Span<byte> bytes = stackalloc byte[16];
        var length = address.WriteTo(bytes);
        return length == 0 ? default : VrrpAddress.Read(bytes[..length]);
    }
}
