namespace HaKube.Tcplb.Configuration.Haproxy;

/// <summary>One logical line of an haproxy.cfg: its 1-based number and its words after quoting, escapes and comments.</summary>
internal sealed record HaproxyLine(int Number, IReadOnlyList<string> Words)
{
    public string this[int index] => index < Words.Count ? Words[index] : "";

    public int Count => Words.Count;
}
