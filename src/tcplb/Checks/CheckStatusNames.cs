namespace HaKube.Tcplb.Checks;

/// <summary>HAProxy's short code and wording of each <see cref="CheckStatus"/> (check.c, <c>check_statuses</c>).</summary>
internal static class CheckStatusNames
{
    public static string Code(CheckStatus status) => status switch
    {
        CheckStatus.SocketError => "SOCKERR",
        CheckStatus.Layer4Ok => "L4OK",
        CheckStatus.Layer4Timeout => "L4TOUT",
        CheckStatus.Layer4Connection => "L4CON",
        CheckStatus.Layer6Ok => "L6OK",
        CheckStatus.Layer6Timeout => "L6TOUT",
        CheckStatus.Layer6Response => "L6RSP",
        CheckStatus.Layer7Ok => "L7OK",
        CheckStatus.Layer7Timeout => "L7TOUT",
        CheckStatus.Layer7Response => "L7RSP",
        CheckStatus.Layer7Status => "L7STS",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    public static string Description(CheckStatus status) => status switch
    {
        CheckStatus.SocketError => "Socket error",
        CheckStatus.Layer4Ok => "Layer4 check passed",
        CheckStatus.Layer4Timeout => "Layer4 timeout",
        CheckStatus.Layer4Connection => "Layer4 connection problem",
        CheckStatus.Layer6Ok => "Layer6 check passed",
        CheckStatus.Layer6Timeout => "Layer6 timeout",
        CheckStatus.Layer6Response => "Layer6 invalid response",
        CheckStatus.Layer7Ok => "Layer7 check passed",
        CheckStatus.Layer7Timeout => "Layer7 timeout",
        CheckStatus.Layer7Response => "Layer7 invalid response",
        CheckStatus.Layer7Status => "Layer7 wrong status",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    public static bool Passed(CheckStatus status) => status is CheckStatus.Layer4Ok or CheckStatus.Layer6Ok or CheckStatus.Layer7Ok;
}
