namespace HaKube.Vrrpd.Configuration.Validation;

/// <summary>Allowed values, shared by both readers (for messages) and the validator. Keepalived's unless noted.</summary>
internal static class OptionRanges
{
    /// <summary>RFC 5798 5.2.3.</summary>
    public static readonly ValueRange VirtualRouterId = new(1, 255);

    /// <summary>RFC 5798 5.2.4; 255 is the address owner.</summary>
    public static readonly ValueRange Priority = new(1, 255);

    /// <summary>RFC 3768 5.3.7: whole seconds in an 8-bit field.</summary>
    public static readonly ValueRange AdvertIntV2 = new(1, 255);

    /// <summary>RFC 5798 5.2.7: 12 bits of centiseconds.</summary>
    public static readonly ValueRange AdvertIntV3 = new(0.01m, 40.95m);

    public static readonly ValueRange Version = new(2, 3);

    public static readonly ValueRange PreemptDelay = new(0, 1000);

    /// <summary>Weights of scripts, interfaces and tracker references.</summary>
    public static readonly ValueRange ScriptWeight = new(-253, 253);

    /// <summary>Weights of vrrp_track_process and track_file definitions (Keepalived allows one more each way).</summary>
    public static readonly ValueRange TrackerWeight = new(-254, 254);

    /// <summary>Script interval and timeout, seconds (Keepalived: more than 0; we cap at a day).</summary>
    public static readonly ValueRange ScriptSeconds = new(0.001m, 86400);

    public static readonly ValueRange RiseFall = new(1, int.MaxValue);

    public static readonly ValueRange Quorum = new(1, 65535);

    /// <summary>riseDelay and fallDelay of a tracker reference, seconds.</summary>
    public static readonly ValueRange TrackerDelay = new(0, 3600);

    /// <summary>Process tracker delays, seconds.</summary>
    public static readonly ValueRange ProcessDelay = new(0, 3600);

    /// <summary>garp_master_delay and garp_master_refresh, seconds (0: off).</summary>
    public static readonly ValueRange GarpSeconds = new(0, 86400);

    /// <summary>garp_master_repeat and garp_master_refresh_repeat.</summary>
    public static readonly ValueRange GarpRepeat = new(1, 255);

    /// <summary>vrrp_garp_interval and vrrp_gna_interval, seconds. Keepalived's check refuses 0; we accept it (no spacing).</summary>
    public static readonly ValueRange GarpInterval = new(0, 4294.967295m);

    public const int PasswordMaxLength = 8;
}
