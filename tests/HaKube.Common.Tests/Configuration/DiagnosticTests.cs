using HaKube.Common.Configuration;

namespace HaKube.Common.Tests.Configuration;

public sealed class DiagnosticTests
{
    [Fact]
    public void ToString_NamesFileLineFieldAndSeverity()
    {
        var d = new Diagnostic(Severity.Error, "/etc/keepalived/keepalived.conf", 17, "priority", "300 is out of range 1..255");
        Assert.Equal("/etc/keepalived/keepalived.conf:17: error: priority: 300 is out of range 1..255", d.ToString());
    }

    [Fact]
    public void ToString_WithoutLineOrField_OmitsThem()
    {
        var d = new Diagnostic(Severity.Warning, "tcplb.json", 0, "", "no frontends");
        Assert.Equal("tcplb.json: warning: no frontends", d.ToString());
    }

    [Fact]
    public void Bag_HasErrors_OnlyWhenAnErrorWasAdded()
    {
        var bag = new DiagnosticBag();
        bag.Warning("f", 1, "x", "unknown keyword");
        Assert.False(bag.HasErrors);
        bag.Error("f", 2, "y", "bad value");
        Assert.True(bag.HasErrors);
        Assert.Equal(2, bag.Items.Count);
    }
}
