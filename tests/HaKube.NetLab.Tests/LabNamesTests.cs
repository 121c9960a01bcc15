namespace HaKube.NetLab.Tests;

public sealed class LabNamesTests
{
    [Theory]
    [InlineData("hakube-1234-7", "hakube-1234-7", 1234)]
    [InlineData("hakube-1234-7-lb1", "hakube-1234-7", 1234)]
    [InlineData("hakube-99-1--bridge", "hakube-99-1", 99)]
    public void TryParse_OurNames_GivesLabAndOwner(string name, string lab, int owner)
    {
        Assert.True(LabNames.TryParse(name, out var parsedLab, out var parsedOwner));
        Assert.Equal(lab, parsedLab);
        Assert.Equal(owner, parsedOwner);
    }

    [Theory]
    [InlineData("cni-1234")]
    [InlineData("hakube-")]
    [InlineData("hakube-x-1")]
    [InlineData("hakube-12")]
    [InlineData("gold-1-2")]
    public void TryParse_ForeignNames_AreNotOurs(string name) => Assert.False(LabNames.TryParse(name, out _, out _));

    [Theory]
    [InlineData("lb1", true)]
    [InlineData("master3", true)]
    [InlineData("Lb1", false)]
    [InlineData("1lb", false)]
    [InlineData("a-b", false)]
    [InlineData("waytoolongname", false)]
    public void HostNames_AreShortLowerCaseWords(string host, bool valid) => Assert.Equal(valid, LabNames.IsValidHostName(host));
}
