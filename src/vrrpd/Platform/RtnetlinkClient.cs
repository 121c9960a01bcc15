using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using HaKube.Vrrpd.Interop;

namespace HaKube.Vrrpd.Platform;

/// <summary>
/// Request/response rtnetlink: adds and deletes addresses idempotently, dumps addresses, looks up links.
/// One request at a time per client; the socket lives in the network namespace it was opened in.
/// </summary>
internal sealed class RtnetlinkClient : IDisposable
{
    /// <summary>
    /// The IFA_PROTO value vrrpd puts on the addresses it adds (Linux 6.0+; older kernels ignore it), so
    /// `vrrpd --release` and operators (`ip -d addr`, iproute2 6.3+: "proto 112") can tell ours apart.
    /// 112 is VRRP's IP protocol number; the kernel itself uses 1 to 3.
    /// </summary>
    public const byte VrrpdProtocol = 112;

    private const int ReceiveBufferSize = 64 * 1024;
    private readonly Socket _socket;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly byte[] _receive = new byte[ReceiveBufferSize];
    private uint _sequence = (uint)Environment.TickCount;

    private RtnetlinkClient(Socket socket) => _socket = socket;

    /// <summary>Opens a client in the calling thread's network namespace.</summary>
    public static RtnetlinkClient Open() => new(NetlinkSocketFactory.Open([]));

    /// <summary>
    /// Adds <paramref name="address"/> (with its label, IFA_F_NODAD for IPv6, and vrrpd's IFA_PROTO tag).
    /// Returns false when the interface already had it (EEXIST), which is success.
    /// </summary>
    public async Task<bool> AddAddressAsync(InterfaceAddress address, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(address);
        var error = await RequestAsync(Rtnl.RtmNewAddr, Rtnl.NlmFCreate | Rtnl.NlmFExcl, address, ct);
        return error.Errno switch
        {
            0 => true,
            Errno.EEXIST => false,
            _ => throw Failure("adding", address, error),
        };
    }

    /// <summary>Deletes <paramref name="address"/>; returns false when it was not there (EADDRNOTAVAIL), which is success.</summary>
    public async Task<bool> DeleteAddressAsync(InterfaceAddress address, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(address);
        var error = await RequestAsync(Rtnl.RtmDelAddr, 0, address, ct);
        return error.Errno switch
        {
            0 => true,
            Errno.EADDRNOTAVAIL => false,
            _ => throw Failure("deleting", address, error),
        };
    }

    /// <summary>Every address of <paramref name="family"/> (Unspecified: both) on interface <paramref name="interfaceIndex"/> (0: all).</summary>
    public async Task<IReadOnlyList<InterfaceAddress>> GetAddressesAsync(int interfaceIndex = 0, AddressFamily family = AddressFamily.Unspecified, CancellationToken ct = default)
    {
        var result = new List<InterfaceAddress>();
        await _gate.WaitAsync(ct);
        try
        {
            var sequence = ++_sequence;
            var body = new InterfaceAddressMessage { Family = FamilyByte(family) };
            SendRequest(Rtnl.RtmGetAddr, Rtnl.NlmFDump, sequence, body);
            await ReceiveDumpAsync(sequence, "dumping addresses", payload =>
            {
                if (RtnetlinkParser.TryParseAddress(payload, out var a) && (interfaceIndex == 0 || a!.InterfaceIndex == interfaceIndex))
                {
                    result.Add(a!);
                }
            }, Rtnl.RtmNewAddr, ct);
        }
        finally
        {
            _gate.Release();
        }

        return result;
    }

    /// <summary>Every link (RTM_GETLINK dump).</summary>
    public async Task<IReadOnlyList<LinkInfo>> GetLinksAsync(CancellationToken ct = default)
    {
        var result = new List<LinkInfo>();
        await _gate.WaitAsync(ct);
        try
        {
            var sequence = ++_sequence;
            SendRequest(Rtnl.RtmGetLink, Rtnl.NlmFDump, sequence, new InterfaceInfoMessage());
            await ReceiveDumpAsync(sequence, "dumping links", payload =>
            {
                if (RtnetlinkParser.TryParseLink(payload, out var link))
                {
                    result.Add(link!);
                }
            }, Rtnl.RtmNewLink, ct);
        }
        finally
        {
            _gate.Release();
        }

        return result;
    }

    /// <summary>The link called <paramref name="name"/>, or null when there is none.</summary>
    public async Task<LinkInfo?> GetLinkAsync(string name, CancellationToken ct = default)
        => (await GetLinksAsync(ct)).FirstOrDefault(l => l.Name == name);

    /// <summary>The link with index <paramref name="index"/>, or null when there is none.</summary>
    public async Task<LinkInfo?> GetLinkAsync(int index, CancellationToken ct = default)
        => (await GetLinksAsync(ct)).FirstOrDefault(l => l.Index == index);

    public void Dispose()
    {
        _socket.Dispose();
        _gate.Dispose();
    }

    private static byte FamilyByte(AddressFamily family) => family switch
    {
        AddressFamily.InterNetwork => 2,
        AddressFamily.InterNetworkV6 => 10,
        _ => 0,
    };

    private static PlatformException Failure(string verb, InterfaceAddress address, NetlinkError error)
        => new($"{verb} {address.Address}/{address.PrefixLength} on interface index {address.InterfaceIndex}"
            + (error.Message is null ? "" : $" ({error.Message})"), error.Errno);

    private async Task<NetlinkError> RequestAsync(ushort type, ushort flags, InterfaceAddress address, CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            var sequence = ++_sequence;
            SendAddressRequest(type, flags, sequence, address);
            return await ReceiveAckAsync(sequence, ct);
        }
        finally
        {
            _gate.Release();
        }
    }

    private void SendAddressRequest(ushort type, ushort flags, uint sequence, InterfaceAddress address)
    {
        var v6 = address.Address.AddressFamily == AddressFamily.InterNetworkV6;
        var maxPrefix = v6 ? 128 : 32;
        ArgumentOutOfRangeException.ThrowIfNegative(address.PrefixLength);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(address.PrefixLength, maxPrefix);
        Span<byte> bytes = stackalloc byte[16];
        address.Address.TryWriteBytes(bytes, out var length);
        bytes = bytes[..length];

        Span<byte> buffer = stackalloc byte[256];
        var writer = new NetlinkMessageWriter(buffer, type, (ushort)(Rtnl.NlmFRequest | Rtnl.NlmFAck | flags), sequence);
        var nodad = v6 ? Rtnl.IfaFNoDad : 0;
        writer.Write(new InterfaceAddressMessage
        {
            Family = FamilyByte(address.Address.AddressFamily),
            PrefixLength = (byte)address.PrefixLength,
            Flags = (byte)nodad,
            Scope = v6 ? (byte)0 : ScopeOf(address.Address),
            Index = address.InterfaceIndex,
        });
        writer.Attribute(Rtnl.IfaLocal, bytes);
        writer.Attribute(Rtnl.IfaAddress, bytes);
        if (type == Rtnl.RtmNewAddr)
        {
            if (!v6 && address.PrefixLength <= 30)
            {
                // The directed broadcast, as `ip addr add ... brd +` sets it.
                Span<byte> broadcast = stackalloc byte[4];
                var host = address.PrefixLength == 0 ? uint.MaxValue : uint.MaxValue >> address.PrefixLength;
                System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(broadcast, System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(bytes) | host);
                writer.Attribute(Rtnl.IfaBroadcast, broadcast);
            }

            if (!v6 && address.Label is { Length: > 0 } label)
            {
                writer.Attribute(Rtnl.IfaLabel, label);
            }

            if (v6)
            {
                writer.Attribute(Rtnl.IfaFlags, nodad);
            }

            writer.Attribute(Rtnl.IfaProto, VrrpdProtocol);
        }

        _socket.Send(writer.Finish());
    }

    private static byte ScopeOf(IPAddress address)
    {
        var first = address.GetAddressBytes()[0];
        return first == 127 ? Rtnl.ScopeHost : Rtnl.ScopeUniverse;
    }

    private void SendRequest<T>(ushort type, ushort flags, uint sequence, T body)
        where T : unmanaged
    {
        Span<byte> buffer = stackalloc byte[64];
        var writer = new NetlinkMessageWriter(buffer, type, (ushort)(Rtnl.NlmFRequest | flags), sequence);
        writer.Write(body);
        _socket.Send(writer.Finish());
    }

    private async Task<NetlinkError> ReceiveAckAsync(uint sequence, CancellationToken ct)
    {
        while (true)
        {
            var n = await _socket.ReceiveAsync(_receive, SocketFlags.None, ct);
            var error = FindError(_receive.AsSpan(0, n), sequence);
            if (error is not null)
            {
                return error.Value;
            }
        }
    }

    private static NetlinkError? FindError(ReadOnlySpan<byte> datagram, uint sequence)
    {
        while (NetlinkMessageReader.TryReadMessage(ref datagram, out var header, out var payload))
        {
            if (header.Type == Rtnl.NlmsgError && header.Sequence == sequence)
            {
                var errno = RtnetlinkParser.ParseError(payload, header.Flags, out _, out var message);
                return new NetlinkError(errno, message);
            }
        }

        return null;
    }

    private delegate void PayloadHandler(ReadOnlySpan<byte> payload);

    private async Task ReceiveDumpAsync(uint sequence, string what, PayloadHandler handle, ushort type, CancellationToken ct)
    {
        while (true)
        {
            var n = await _socket.ReceiveAsync(_receive, SocketFlags.None, ct);
            if (ProcessDumpDatagram(_receive.AsSpan(0, n), sequence, what, handle, type))
            {
                return;
            }
        }
    }

    private static bool ProcessDumpDatagram(ReadOnlySpan<byte> datagram, uint sequence, string what, PayloadHandler handle, ushort type)
    {
        while (NetlinkMessageReader.TryReadMessage(ref datagram, out var header, out var payload))
        {
            if (header.Sequence != sequence)
            {
                continue;
            }

            if (header.Type == Rtnl.NlmsgDone)
            {
                return true;
            }

            if (header.Type == Rtnl.NlmsgError)
            {
                var errno = RtnetlinkParser.ParseError(payload, header.Flags, out _, out var message);
                throw new PlatformException(what + (message is null ? "" : $" ({message})"), errno);
            }

            if (header.Type == type)
            {
                handle(payload);
            }
        }

        return false;
    }

    [StructLayout(LayoutKind.Auto)]
    private readonly record struct NetlinkError(int Errno, string? Message);
}
