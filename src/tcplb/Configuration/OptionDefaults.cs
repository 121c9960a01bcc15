namespace HaKube.Tcplb.Configuration;

/// <summary>Defaults shared by both formats (HAProxy 2.6's), and the native format's own where they differ.</summary>
internal static class OptionDefaults
{
    public static readonly TimeSpan Inter = TimeSpan.FromSeconds(2);
    public const int Rise = 2;
    public const int Fall = 3;
    public const int Retries = 3;
    public static readonly TimeSpan SessionCloseGrace = TimeSpan.FromSeconds(30);

    /// <summary>The port kube-apiserver and the native format's default bind use.</summary>
    public const int ApiServerPort = 6443;

    /// <summary>More than this many servers in one backend are refused: exclusion sets are 64-bit masks.</summary>
    public const int MaxServersPerBackend = 64;

    public static readonly TimeSpan NativeConnect = TimeSpan.FromSeconds(5);
    public static readonly TimeSpan NativeClient = TimeSpan.FromSeconds(50);
    public static readonly TimeSpan NativeServer = TimeSpan.FromSeconds(50);

    /// <summary>Long enough for watches, <c>kubectl logs -f</c> and exec to survive idle periods (client-go pings every 30 s anyway).</summary>
    public static readonly TimeSpan NativeTunnel = TimeSpan.FromHours(1);
    public static readonly TimeSpan NativeClientFin = TimeSpan.FromSeconds(30);
}
