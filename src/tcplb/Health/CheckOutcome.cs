namespace HaKube.Tcplb.Health;

/// <summary>One active check's result and a short human reason ("connection refused", "HTTP 503", "TLS handshake failed").</summary>
internal readonly record struct CheckOutcome(bool Passed, string Detail)
{
    public static CheckOutcome Pass(string detail = "ok") => new(true, detail);

    public static CheckOutcome Fail(string detail) => new(false, detail);
}
