namespace HaKube.Common.Configuration.Json;

/// <summary>Turns byte offsets of a UTF-8 text into 1-based line numbers (Utf8JsonReader gives offsets only).</summary>
internal sealed class JsonLineIndex
{
    private readonly List<int> _lineStarts = [0];

    public JsonLineIndex(ReadOnlySpan<byte> utf8)
    {
        for (var i = 0; i < utf8.Length; i++)
        {
            if (utf8[i] == (byte)'\n')
            {
                _lineStarts.Add(i + 1);
            }
        }
    }

    public int LineOf(long offset)
    {
        var index = _lineStarts.BinarySearch((int)offset);
        return (index >= 0 ? index : ~index - 1) + 1;
    }
}
