using System.Globalization;
using HaKube.Vrrpd.Protocol;

namespace HaKube.Vrrpd.Tests.Protocol;

/// <summary>A VRRP payload captured from Keepalived, with its receive metadata (TestData/Vrrp/*.txt).</summary>
internal sealed record GoldenPacket(string Name, VrrpAddress Source, VrrpAddress Destination, byte TimeToLive, byte[] Payload)
{
    public const string V2PassUnicast = "keepalived-v2-pass-unicast";
    public const string V2PassUnicastShutdown = "keepalived-v2-pass-unicast-shutdown";
    public const string V3Ipv4Multicast = "keepalived-v3-ipv4-multicast";
    public const string V3Ipv4MulticastShutdown = "keepalived-v3-ipv4-multicast-shutdown";
    public const string V3Ipv6Multicast = "keepalived-v3-ipv6-multicast";
    public const string V3Ipv6MulticastShutdown = "keepalived-v3-ipv6-multicast-shutdown";

    public static readonly string[] All =
    [
        V2PassUnicast, V2PassUnicastShutdown, V3Ipv4Multicast, V3Ipv4MulticastShutdown, V3Ipv6Multicast, V3Ipv6MulticastShutdown,
    ];

    public VrrpReceiveMetadata Metadata => new(Source, Destination, TimeToLive);

    public static GoldenPacket Load(string name)
    {
        var fields = File.ReadLines(Path.Combine(Directory, name + ".txt"))
            .Where(line => line.Length > 0 && line[0] != '#')
            .Select(line => line.Split('=', 2))
            .ToDictionary(pair => pair[0], pair => pair[1]);
        return new GoldenPacket(
            name,
            VrrpAddress.Parse(fields["source"]),
            VrrpAddress.Parse(fields["destination"]),
            byte.Parse(fields["ttl"], CultureInfo.InvariantCulture),
            Convert.FromHexString(fields["payload"].Replace(" ", "", StringComparison.Ordinal)));
    }

    /// <summary>TestData/Vrrp in the source tree: the project file (not ours to edit) does not copy it to the output.</summary>
    private static string Directory { get; } = FindDirectory();

    private static string FindDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "TestData", "Vrrp");
            if (System.IO.Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException($"TestData/Vrrp not found above {AppContext.BaseDirectory}.");
    }
}
