using System.Net;
using HaKube.Vrrpd.Protocol;

namespace HaKube.Vrrpd.Tests.Protocol;

public sealed class VrrpAddressTests
{
    [Theory]
    [InlineData("198.18.0.1")]
    [InlineData("255.255.255.255")]
    [InlineData("2001:2::ffff:1")]
    [InlineData("fe80::ff:fe00:a")]
    public void RoundTrips_ThroughIPAddressAndBytes(string text)
    {
        var address = VrrpAddress.Parse(text);
        Span<byte> bytes = stackalloc byte[16];
        var written = address.WriteTo(bytes);

        Assert.Equal(IPAddress.Parse(text), address.ToIPAddress());
        Assert.Equal(IPAddress.Parse(text).GetAddressBytes(), bytes[..written].ToArray());
        Assert.Equal(address, VrrpAddress.Read(bytes[..written]));
        Assert.True(address.Equals(bytes[..written]));
    }

    [Theory]
    [InlineData("198.18.0.2", "198.18.0.10")]
    [InlineData("127.255.255.255", "128.0.0.0")]
    [InlineData("198.18.0.255", "198.18.1.0")]
    [InlineData("2001:2::ffff", "2001:2::1:0")]
    [InlineData("7fff::", "8000::")]
    public void Compare_IsUnsignedBigEndian_Rfc5798_6_4_3(string lower, string higher)
    {
        Assert.True(VrrpAddress.Parse(lower) < VrrpAddress.Parse(higher));
        Assert.True(VrrpAddress.Parse(higher) > VrrpAddress.Parse(lower));
    }

    [Fact]
    public void IsMulticast_RecognisesTheVrrpGroups()
    {
        Assert.True(VrrpConstants.Ipv4MulticastGroup.IsMulticast);
        Assert.True(VrrpConstants.Ipv6MulticastGroup.IsMulticast);
        Assert.Equal(IPAddress.Parse("224.0.0.18"), VrrpConstants.Ipv4MulticastGroup.ToIPAddress());
        Assert.Equal(IPAddress.Parse("ff02::12"), VrrpConstants.Ipv6MulticastGroup.ToIPAddress());
        Assert.False(VrrpAddress.Parse("198.18.0.1").IsMulticast);
    }
}
