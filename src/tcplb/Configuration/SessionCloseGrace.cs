namespace HaKube.Tcplb.Configuration;

/// <summary>
/// How long established sessions to a server that active checks marked down are kept before being closed:
/// a delay (zero = at once) or never. A passive mark-down (failed connect) never closes sessions.
/// </summary>
internal readonly record struct SessionCloseGrace(TimeSpan? Delay)
{
    public static SessionCloseGrace Never => new(null);

    public static SessionCloseGrace Default => new(OptionDefaults.SessionCloseGrace);

    public bool IsNever => Delay is null;

    public override string ToString() => Delay is { } d ? HaproxyTime.Format(d) : "never";
}
