using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace HaKube.Vrrpd.Configuration.Json;

/// <summary>Reads and writes an IP address as its text form ("172.16.0.10", "fe80::1").</summary>
internal sealed class IPAddressJsonConverter : JsonConverter<IPAddress>
{
    public override IPAddress Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException("expected an IP address as a string");
        }

        var text = reader.GetString()!;
        if (text.Contains('%', StringComparison.Ordinal))
        {
            // A zone would only repeat (or contradict) the instance's interface, which is where link-local sources and
            // peers are reached; keepalived.conf's fe80::2%eth0 is checked against it, the native file leaves it out.
            throw new JsonException($"'{text}': write the address without a zone (%INTERFACE): link-local sources and peers are on the instance's interface");
        }

        if (!IPAddress.TryParse(text, out var address)
            || (address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork && text.Count(c => c == '.') != 3))
        {
            throw new JsonException($"'{text}' is not an IPv4 or IPv6 address");
        }

        return address;
    }

    public override void Write(Utf8JsonWriter writer, IPAddress value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteStringValue(value.ToString());
    }
}
