namespace HaKube.Vrrpd.Configuration.Keepalived;

/// <summary>
/// One statement of a keepalived.conf: a line's words (the first is the keyword) and, when a brace
/// followed it on the same or the next line, the statements of its block.
/// </summary>
internal sealed class KeepalivedStatement
{
    private List<KeepalivedStatement>? _block;

    public KeepalivedStatement(IReadOnlyList<KeepalivedToken> words)
    {
        Words = words;
    }

    public IReadOnlyList<KeepalivedToken> Words { get; }

    public KeepalivedToken Keyword => Words[0];

    public string File => Words[0].File;

    public int Line => Words[0].Line;

    /// <summary>The block's statements; null when the statement has no block.</summary>
    public IReadOnlyList<KeepalivedStatement>? Block => _block;

    /// <summary>The words after the keyword.</summary>
    public int ArgumentCount => Words.Count - 1;

    internal List<KeepalivedStatement> OpenBlock() => _block = [];

    public override string ToString() => string.Join(' ', Words);
}
