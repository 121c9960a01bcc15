namespace HaKube.Tcplb.Runtime;

/// <summary>
/// A server's last finished active check in HAProxy's terms (management.txt 9.1, show stat): <paramref name="Status"/>
/// is check_status ("L7STS"), <paramref name="Description"/> check_desc ("Layer7 wrong status"), <paramref name="Info"/>
/// last_chk ("500 Internal Server Error", "Connection refused"), <paramref name="Code"/> check_code (the HTTP status of
/// a layer-7 check) and <paramref name="Duration"/> check_duration; <paramref name="InProgress"/>: a check is running now.
/// </summary>
internal sealed record ServerCheckReport(string Status, string Description, string? Info, int? Code, TimeSpan? Duration, bool InProgress);
