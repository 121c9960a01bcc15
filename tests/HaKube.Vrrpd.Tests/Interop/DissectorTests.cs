namespace HaKube.Vrrpd.Tests.Interop;

/// <summary>
/// Wireshark's VRRP dissector (tshark 4.0, Debian 12) reads vrrpd's adverts, captured on the wire in the lab next to a
/// Keepalived backup, as well-formed: version, type, VRID, priority, addresses and checksum good (issue 3, point 11).
/// The dissector's v3 checksum includes the IPv4 pseudo-header (its default), as Keepalived sends it.
/// </summary>
public sealed class DissectorTests
{
    private static readonly TimeSpan CaptureBound = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task V2PassUnicast_TsharkReadsVrrpdAdvertsAsWellFormed()
    {
        await using var pair = await InteropPair.StartWithVrrpdMasterAsync(InteropMode.V2PassUnicast);

        var adverts = await CaptureAsync(pair);

        foreach (var a in adverts)
        {
            Assert.Equal(pair.Keepalived.Host.Address.ToString(), a["ip.dst"]);
            Assert.Equal("2", a["vrrp.version"]);
            Assert.Equal("1", a["vrrp.auth_type"]);
            Assert.Equal("1111", a["vrrp.auth_string"]);
            Assert.Equal("1", a["vrrp.adver_int"]);
        }
    }

    [Fact]
    public async Task V3Multicast_TsharkReadsVrrpdAdvertsAsWellFormed()
    {
        await using var pair = await InteropPair.StartWithVrrpdMasterAsync(InteropMode.V3Multicast);

        var adverts = await CaptureAsync(pair);

        foreach (var a in adverts)
        {
            Assert.Equal("224.0.0.18", a["ip.dst"]);
            Assert.Equal("3", a["vrrp.version"]);
            Assert.Equal("100", a["vrrp.short_adver_int"]);
        }
    }

    /// <summary>Captures three of vrrpd's adverts on its host's eth0 and checks what every version has in common.</summary>
    private static async Task<IReadOnlyList<Dictionary<string, string>>> CaptureAsync(InteropPair pair)
    {
        string[] fields =
        [
            "ip.src", "ip.dst", "ip.ttl", "vrrp.version", "vrrp.type", "vrrp.virt_rtr_id", "vrrp.prio", "vrrp.addr_count",
            "vrrp.ip_addr", "vrrp.checksum.status", "vrrp.auth_type", "vrrp.auth_string", "vrrp.adver_int", "vrrp.short_adver_int",
        ];
        var result = await pair.Vrrpd.Host.RunAsync(
            [
                "tshark", "-n", "-i", "eth0", "-f", $"ip proto 112 and src host {pair.Vrrpd.Host.Address}", "-c", "3",
                "-T", "fields", "-E", "separator=/t", .. fields.SelectMany(f => new[] { "-e", f }),
            ],
            timeout: CaptureBound);
        Assert.True(result.Succeeded, result.StandardError);
        var adverts = result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => fields.Zip(line.Split('\t')).ToDictionary(p => p.First, p => p.Second))
            .ToList();
        Assert.True(adverts.Count == 3, result.StandardOutput);
        foreach (var a in adverts)
        {
            var line = string.Join(' ', a.Select(p => $"{p.Key}={p.Value}"));
            Assert.True(a["ip.src"] == pair.Vrrpd.Host.Address.ToString(), line);
            Assert.True(a["ip.ttl"] == "255", line);
            Assert.True(a["vrrp.type"] == "1", line);
            Assert.True(a["vrrp.virt_rtr_id"] == "60", line);
            Assert.True(a["vrrp.prio"] == "150", line);
            Assert.True(a["vrrp.addr_count"] == "1", line);
            Assert.True(a["vrrp.ip_addr"] == InteropPair.Vip.ToString(), line);
            // PROTO_CHECKSUM_E_GOOD; "0" would be bad, "2" unverified.
            Assert.True(a["vrrp.checksum.status"] is "1" or "Good", line);
        }

        return adverts;
    }
}
