using System.Net;

namespace HaKube.Vrrpd.Tests.Configuration;

/// <summary>
/// Link-local IPv6 unicast addresses written with their zone (fe80::2%eth0), as Keepalived's examples write them: the
/// zone must name the instance's interface, and it belongs on link-local source and peer addresses only.
/// </summary>
public sealed class KeepalivedZoneTests
{
    private static string Config(string source, string peer, string vip = "2001:2::10/64") => $$"""
        global_defs {
          vrrp_version 3
        }
        vrrp_instance v6 {
          state BACKUP
          interface eth0
          virtual_router_id 61
          priority 100
          advert_int 1
          unicast_src_ip {{source}}
          unicast_peer {
            {{peer}}
          }
          virtual_ipaddress {
            {{vip}}
          }
        }
        """;

    [Fact]
    public void ZonesNamingTheInstanceInterface_AreAccepted_AndTheAddressesCarryNoScope()
    {
        var (result, _) = TestConfig.LoadText(Config("fe80::1%eth0", "fe80::2%eth0"));

        var instance = result.Clean().Instances.Single();
        Assert.Equal(IPAddress.Parse("fe80::1"), instance.UnicastSrcIp);
        Assert.Equal([IPAddress.Parse("fe80::2")], instance.UnicastPeers);
        Assert.Equal(0, instance.UnicastPeers[0].ScopeId);
    }

    [Fact]
    public void PeerZoneNamingAnotherInterface_IsAnError_AtItsLine_NamingBoth()
    {
        var (result, path) = TestConfig.LoadText(Config("fe80::1", "fe80::2%eth7"));

        var error = result.SingleError(path, 12, "unicast_peer");
        Assert.Contains("'fe80::2%eth7' names interface eth7, but vrrp_instance v6 runs on eth0", error.Message, StringComparison.Ordinal);
        Assert.Contains("write fe80::2 or %eth0", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SourceZoneNamingAnotherInterface_IsAnError_AtItsLine()
    {
        var (result, path) = TestConfig.LoadText(Config("fe80::1%eth1", "fe80::2"));

        var error = result.SingleError(path, 10, "unicast_src_ip");
        Assert.Contains("names interface eth1", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2001:2::2%eth0", "2001:2::10/64", 12, "unicast_peer")]
    [InlineData("fe80::2", "2001:2::10%eth0/64", 15, "virtual_ipaddress")]
    public void ZoneOutsideALinkLocalUnicastAddress_IsAnError(string peer, string vip, int line, string field)
    {
        var (result, path) = TestConfig.LoadText(Config("fe80::1", peer, vip));

        var error = result.Errors().First();
        Assert.True(error.File == path && error.Line == line && error.ToString().Contains(field, StringComparison.Ordinal), string.Join('\n', result.Diagnostics));
        Assert.Contains("a zone (%INTERFACE) belongs on a link-local IPv6 unicast_src_ip or unicast_peer only", error.Message, StringComparison.Ordinal);
        Assert.Null(result.Options);
    }

    [Fact]
    public void NativeFormat_RefusesAZone_AtItsLine()
    {
        var (result, path) = TestConfig.LoadText("""
            {
              "instances": [
                {
                  "name": "v6",
                  "interface": "eth0",
                  "virtualRouterId": 61,
                  "unicastPeers": ["fe80::2%eth0"],
                  "virtualAddresses": [{ "address": "2001:2::10", "prefixLength": 64 }]
                }
              ]
            }
            """, "vrrpd.json");

        var error = result.SingleError(path, 7, "instances[0].unicastPeers[0]");
        Assert.Contains("found \"fe80::2%eth0\"", error.Message, StringComparison.Ordinal);
        Assert.Null(result.Options);
    }
}
