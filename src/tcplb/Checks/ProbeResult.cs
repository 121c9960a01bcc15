using HaKube.Tcplb.Health;

namespace HaKube.Tcplb.Checks;

/// <summary>
/// One probe's result: HAProxy's status and an optional detail ("Connection refused", "500 Internal Server Error").
/// <see cref="ToString"/> is the reason <c>tcplb status</c> shows: "Layer4 connection problem: Connection refused".
/// </summary>
internal readonly record struct ProbeResult(CheckStatus Status, string? Info = null)
{
    public bool Passed => CheckStatusNames.Passed(Status);

    public string Code => CheckStatusNames.Code(Status);

    /// <summary>The HTTP status of a layer-7 check that got a response (HAProxy's check_code); null otherwise.</summary>
    public int? HttpStatus
        => Status is CheckStatus.Layer7Ok or CheckStatus.Layer7Status && Info is { Length: >= 3 } info
           && int.TryParse(info.AsSpan(0, 3), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var code)
            ? code
            : null;

    public CheckOutcome ToOutcome() => new(Passed, ToString());

    public override string ToString()
    {
        var description = CheckStatusNames.Description(Status);
        return string.IsNullOrEmpty(Info) ? description : $"{description}: {Info}";
    }
}
