namespace HaKube.Vrrpd.Configuration.Keepalived;

/// <summary>One word of a keepalived.conf, with the file and 1-based line it was read from.</summary>
internal readonly record struct KeepalivedToken(string Text, string File, int Line, bool Quoted)
{
    public bool IsOpenBrace => !Quoted && Text == "{";

    public bool IsCloseBrace => !Quoted && Text == "}";

    public override string ToString() => Text;
}
