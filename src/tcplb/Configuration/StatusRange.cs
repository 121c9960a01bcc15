namespace HaKube.Tcplb.Configuration;

/// <summary>An inclusive range of HTTP status codes an HTTP(S) check accepts ("200", "200-399").</summary>
internal readonly record struct StatusRange(int From, int To)
{
    public bool Contains(int status) => status >= From && status <= To;

    public override string ToString() => From == To ? $"{From}" : $"{From}-{To}";
}
