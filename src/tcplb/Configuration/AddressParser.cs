using System.Buffers;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace HaKube.Tcplb.Configuration;

/// <summary>
/// Parses "host:port" the way HAProxy writes addresses: "[v6]:port", a bare IPv6 address whose last colon starts the
/// port (":::6443"), "*:port" or ":port" for any address, an optional "ipv4@"/"ipv6@" prefix. Range checks are the validator's.
/// </summary>
internal static class AddressParser
{
    private static readonly SearchValues<char> Digits = SearchValues.Create("0123456789");
    private static readonly SearchValues<char> DigitsAndDots = SearchValues.Create("0123456789.");
    private static readonly SearchValues<char> HostNameChars = SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-_");

    /// <summary>Result of a parse: host null = any address ("*" or empty).</summary>
    internal readonly record struct HostPort(string? Host, IPAddress? Ip, int? Port);

    public static bool TryParse(string text, bool wildcardAllowed, out HostPort result, out string error)
    {
        result = default;
        var s = text.AsSpan();
        var family = AddressFamily.Unspecified;
        if (s.StartsWith("ipv4@", StringComparison.Ordinal))
        {
            family = AddressFamily.InterNetwork;
            s = s[5..];
        }
        else if (s.StartsWith("ipv6@", StringComparison.Ordinal))
        {
            family = AddressFamily.InterNetworkV6;
            s = s[5..];
        }
        else if (s.IndexOf('@') >= 0)
        {
            error = $"'{text}': only IP addresses and host names are supported (with an optional ipv4@ or ipv6@ prefix)";
            return false;
        }

        ReadOnlySpan<char> host;
        ReadOnlySpan<char> port = default;
        var hasPort = false;
        if (s.StartsWith("["))
        {
            var close = s.IndexOf(']');
            if (close < 0)
            {
                error = $"'{text}': '[' without ']'; write an IPv6 address as [2001:db8::1]:6443";
                return false;
            }

            host = s[1..close];
            var after = s[(close + 1)..];
            if (!after.IsEmpty)
            {
                if (after[0] != ':')
                {
                    error = $"'{text}': expected ':port' after ']'";
                    return false;
                }

                port = after[1..];
                hasPort = true;
            }
        }
        else
        {
            var colon = s.LastIndexOf(':');
            if (colon < 0)
            {
                host = s;
            }
            else
            {
                host = s[..colon];
                port = s[(colon + 1)..];
                hasPort = true;
            }
        }

        int? portValue = null;
        if (hasPort)
        {
            if (port.IsEmpty)
            {
                portValue = null;
            }
            else if (port.ContainsAnyExcept(Digits) || !int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var p))
            {
                error = $"'{text}': port '{port}' is not a number 1..65535";
                return false;
            }
            else
            {
                portValue = p;
            }
        }

        if (host.IsEmpty || host.SequenceEqual("*"))
        {
            if (!wildcardAllowed)
            {
                error = $"'{text}': a server needs an address or host name";
                return false;
            }

            result = new HostPort(null, null, portValue);
            error = "";
            return true;
        }

        if (!TryParseHost(host, text, out var ip, out error))
        {
            return false;
        }

        if (ip is not null && family != AddressFamily.Unspecified && ip.AddressFamily != family)
        {
            error = $"'{text}': the prefix asks for {(family == AddressFamily.InterNetwork ? "IPv4" : "IPv6")} but the address is not";
            return false;
        }

        result = new HostPort(host.ToString(), ip, portValue);
        return true;
    }

    private static bool TryParseHost(ReadOnlySpan<char> host, string text, out IPAddress? ip, out string error)
    {
        ip = null;
        error = "";
        if (host.Contains(':'))
        {
            if (IPAddress.TryParse(host, out var v6) && v6.AddressFamily == AddressFamily.InterNetworkV6)
            {
                ip = v6;
                return true;
            }

            error = $"'{text}': '{host}' is not an IPv6 address";
            return false;
        }

        if (!host.ContainsAnyExcept(DigitsAndDots))
        {
            // Digits and dots only: a dotted quad, strictly (IPAddress also takes "127.1" and "1").
            if (host.Count('.') == 3 && IPAddress.TryParse(host, out var v4) && v4.ToString().AsSpan().SequenceEqual(host))
            {
                ip = v4;
                return true;
            }

            error = $"'{text}': '{host}' is not an IPv4 address (four numbers 0..255 separated by dots)";
            return false;
        }

        if (host.Length > 253 || host.ContainsAnyExcept(HostNameChars))
        {
            error = $"'{text}': '{host}' is neither an IP address nor a host name";
            return false;
        }

        return true;
    }
}
