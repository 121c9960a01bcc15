using System.Net;

namespace HaKube.Tcplb.Balancing;

/// <summary>
/// Stable 64-bit hashes for source balancing: the same on every run and every balancer node (no per-process seed, unlike
/// <see cref="HashCode"/>), so lb1 and lb2 send a client to the same server.
/// </summary>
internal static class SourceHash
{
    /// <summary>FNV-1a over the address bytes, then a SplitMix64 finaliser. IPv4-mapped IPv6 hashes as its IPv4 address.</summary>
    public static ulong Compute(IPAddress address)
    {
        Span<byte> bytes = stackalloc byte[16];
        var ip = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        ip.TryWriteBytes(bytes, out var written);
        return Compute(bytes[..written]);
    }

    public static ulong Compute(ReadOnlySpan<byte> bytes)
    {
        var hash = 14695981039346656037UL;
        foreach (var b in bytes)
        {
            hash = (hash ^ b) * 1099511628211UL;
        }

        return Mix(hash);
    }

    public static ulong Compute(string text)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return Mix(hash);
    }

    /// <summary>SplitMix64's finaliser: spreads every input bit over the output.</summary>
    public static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
