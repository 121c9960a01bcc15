using System.Globalization;

namespace HaKube.Installer.Lab;

/// <summary>
/// The VRRP advertisement interval both stacks of a lab run with (the guide's advert_int 1), and the protocol
/// version: as given, else VRRPv3 for any interval VRRPv2 cannot carry (below 1 s or fractions of a second: RFC 3768
/// 5.3.7 counts whole seconds, RFC 5798 5.2.7 centiseconds), else the stack's own default (the guide's VRRPv2 for
/// Keepalived, VRRPv3 for vrrpd).
/// </summary>
internal sealed record VrrpTimers(decimal AdvertInt, int? Version = null)
{
    /// <summary>RFC 5798 5.2.7: 12 bits of centiseconds.</summary>
    private const decimal MaxAdvertInt = 40.95m;

    /// <summary>advert_int 1 s, each stack's default version: what `lab up` runs without --advert-int.</summary>
    public static VrrpTimers Default { get; } = new(1m);

    /// <summary>True when the interval is whole seconds, so VRRPv2 can carry it.</summary>
    public bool WholeSeconds => AdvertInt == decimal.Truncate(AdvertInt);

    /// <summary>The version a stack whose own default is <paramref name="stackDefault"/> runs with these timers.</summary>
    public int VersionFor(int stackDefault) => Version ?? (WholeSeconds ? stackDefault : 3);

    /// <summary>"1", "0.1": as Keepalived's advert_int and vrrpd's advertInt take it.</summary>
    public string AdvertIntText => AdvertInt.ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>
    /// RFC 5798 6.1: Master_Down_Interval = 3 × Advertisement_Interval + Skew_Time, Skew_Time = ((256 − Priority) ×
    /// Advertisement_Interval) / 256 (RFC 3768 6.1: (256 − Priority) / 256 s, the same at 1 s).
    /// </summary>
    public TimeSpan MasterDownInterval(int priority)
        => TimeSpan.FromSeconds((double)(3 * AdvertInt + (256 - priority) * AdvertInt / 256));

    /// <summary>Checks an interval and version given on the command line; throws with what is wrong.</summary>
    public static VrrpTimers Create(decimal advertInt, int? version = null)
    {
        var timers = new VrrpTimers(advertInt, version);
        if (advertInt < 0.01m || advertInt > MaxAdvertInt || decimal.Round(advertInt, 2) != advertInt)
        {
            throw new LabCommandException(string.Create(CultureInfo.InvariantCulture,
                $"--advert-int {advertInt}: give seconds from 0.01 to {MaxAdvertInt} in steps of 0.01 (VRRPv3 carries centiseconds)"));
        }

        if (version is not (null or 2 or 3))
        {
            throw new LabCommandException($"VRRP version {version}: only 2 and 3 exist");
        }

        if (version == 2 && !timers.WholeSeconds)
        {
            throw new LabCommandException(string.Create(CultureInfo.InvariantCulture,
                $"--advert-int {advertInt} needs VRRPv3: VRRPv2 advertises whole seconds only"));
        }

        return timers;
    }
}
