using System.Globalization;

namespace HaKube.Vrrpd.Configuration.Validation;

/// <summary>An inclusive range of allowed values, printed as "MIN..MAX" in messages.</summary>
internal readonly record struct ValueRange(decimal Min, decimal Max)
{
    public bool Contains(decimal value) => value >= Min && value <= Max;

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Min}..{Max}");
}
