using System.Globalization;
using System.Net;
using HaKube.Vrrpd.Platform;

namespace HaKube.Vrrpd.Daemon;

/// <summary>One line of the <see cref="AddressRecord"/>.</summary>
internal readonly record struct RecordedAddress(int InterfaceIndex, IPAddress Address, int PrefixLength)
{
    public static RecordedAddress From(InterfaceAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        return new(address.InterfaceIndex, address.Address, address.PrefixLength);
    }

    public static bool TryParse(string line, out RecordedAddress entry)
    {
        entry = default;
        var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 2 || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var index))
        {
            return false;
        }

        var slash = parts[1].IndexOf('/', StringComparison.Ordinal);
        if (slash < 0 || !IPAddress.TryParse(parts[1].AsSpan(0, slash), out var address)
            || !int.TryParse(parts[1].AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var prefix))
        {
            return false;
        }

        entry = new RecordedAddress(index, address, prefix);
        return true;
    }

    /// <summary>The same address as <paramref name="address"/> on the same interface (the prefix aside).</summary>
    public bool Matches(InterfaceAddress address) =>
        address is not null && address.InterfaceIndex == InterfaceIndex && address.Address.Equals(Address);

    public InterfaceAddress ToInterfaceAddress() => new(InterfaceIndex, Address, PrefixLength);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{InterfaceIndex} {Address}/{PrefixLength}");
}
