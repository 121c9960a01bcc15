using System.Net;
using HaKube.Tcplb.Interop;

namespace HaKube.Tcplb.Tests.DataPlane;

public sealed class SockAddrTests
{
    [Theory]
    [InlineData("192.0.2.7", 6443)]
    [InlineData("2001:db8::1", 443)]
    [InlineData("::", 0)]
    public void Encode_ThenRead_RoundTrips(string address, int port)
    {
        var endPoint = new IPEndPoint(IPAddress.Parse(address), port);

        Assert.Equal(endPoint, SockAddr.Read(SockAddr.Encode(endPoint)));
    }

    [Fact]
    public void Encode_Ipv4_IsSockaddrIn_PortInNetworkOrder()
    {
        var bytes = SockAddr.Encode(new IPEndPoint(IPAddress.Parse("10.0.0.1"), 0x1234));

        Assert.Equal(new byte[] { 2, 0, 0x12, 0x34, 10, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0 }, bytes);
    }
}
