using HaKube.Common.Configuration.Json;

namespace HaKube.Common.Tests.Configuration.Json;

public sealed class JsonLineIndexTests
{
    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 1)]
    [InlineData(2, 1)]
    [InlineData(3, 2)]
    [InlineData(4, 3)]
    [InlineData(6, 4)]
    public void LineOf_CountsNewlinesBeforeTheOffset_AndANewlineBelongsToTheLineItEnds(long offset, int line)
    {
        var index = new JsonLineIndex("{ \n\n}\n "u8);

        Assert.Equal(line, index.LineOf(offset));
    }
}
