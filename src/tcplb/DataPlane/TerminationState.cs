namespace HaKube.Tcplb.DataPlane;

/// <summary>
/// HAProxy's two-character session state at disconnection (configuration.txt 8.5): <see cref="Cause"/> is '-' (normal), 'C'/'S' (client/server
/// abort or refusal), 'c'/'s' (client/server timeout), 'D' (server marked down), 'K' (killed by the operator), 'R' (resource exhausted);
/// <see cref="Phase"/> is 'Q' (queued), 'C' (connecting), 'D' (data) or '-' (normal end).
/// </summary>
internal readonly record struct TerminationState(char Cause, char Phase)
{
    public static readonly TerminationState Normal = new('-', '-');

    public override string ToString() => string.Create(2, this, static (span, s) => (span[0], span[1]) = (s.Cause, s.Phase));
}
