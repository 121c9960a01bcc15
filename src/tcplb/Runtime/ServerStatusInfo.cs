namespace HaKube.Tcplb.Runtime;

/// <summary>One server in <c>tcplb status</c>: state, last check, counters (the columns of HAProxy's show stat that apply to TCP).</summary>
internal sealed record ServerStatusInfo
{
    public required string Name { get; init; }

    /// <summary>Stable id within the process (HAProxy's sid is per backend; this one is global).</summary>
    public required int Id { get; init; }

    public required string Address { get; init; }

    /// <summary>UP, DOWN, DRAIN, MAINT, "UP 1/3" (going down), "DOWN 1/2" (going up), "no check".</summary>
    public required string Status { get; init; }

    /// <summary>The operator's setting: ready, drain or maint.</summary>
    public required string Admin { get; init; }

    public required bool Backup { get; init; }

    public required int Weight { get; init; }

    /// <summary>Weight now, lower while slowstart ramps.</summary>
    public required int EffectiveWeight { get; init; }

    public required int Active { get; init; }

    public required int MaxActive { get; init; }

    public required int MaxConn { get; init; }

    public required int MaxQueue { get; init; }

    public required long Sessions { get; init; }

    /// <summary>Bytes from clients to the server (counted when connections end).</summary>
    public required long BytesIn { get; init; }

    /// <summary>Bytes from the server to clients (counted when connections end).</summary>
    public required long BytesOut { get; init; }

    public required long ConnectFailures { get; init; }

    public required bool CheckEnabled { get; init; }

    public required int CheckRise { get; init; }

    public required int CheckFall { get; init; }

    /// <summary>HAProxy's health counter: 0..rise+fall-1, up at rise or more.</summary>
    public required int CheckHealth { get; init; }

    public required int FailedChecks { get; init; }

    /// <summary>Up-to-down transitions.</summary>
    public required int Downs { get; init; }

    public required double DowntimeSeconds { get; init; }

    public DateTimeOffset? LastChange { get; init; }

    public DateTimeOffset? LastCheckAt { get; init; }

    public bool? LastCheckPassed { get; init; }

    /// <summary>The last check's result in HAProxy's wording: "Layer7 wrong status: 500 Internal Server Error".</summary>
    public string? LastCheck { get; init; }

    /// <summary>HAProxy's check_status code of the last check (L4OK, L4CON, L6RSP, L7STS…); "* " in front while a check runs, as HAProxy.</summary>
    public string? CheckStatus { get; init; }

    /// <summary>HAProxy's check_desc: "Layer7 wrong status".</summary>
    public string? CheckDescription { get; init; }

    /// <summary>HAProxy's last_chk: the detail of the last check ("500 Internal Server Error", "Connection refused").</summary>
    public string? CheckInfo { get; init; }

    /// <summary>HAProxy's check_code: the HTTP status of the last layer-7 check.</summary>
    public int? CheckCode { get; init; }

    /// <summary>HAProxy's check_duration: how long the last check took, in milliseconds.</summary>
    public long? CheckDurationMs { get; init; }

    /// <summary>Why the server is down ("check" or "connect"); null while up.</summary>
    public string? DownReason { get; init; }

    /// <summary>This status with what only the checks know (check_status, check_desc, last_chk, check_code, check_duration).</summary>
    public ServerStatusInfo WithCheck(ServerCheckReport? check) => check is null ? this : this with
    {
        CheckStatus = check.InProgress ? "* " + check.Status : check.Status,
        CheckDescription = check.Description,
        CheckInfo = check.Info,
        CheckCode = check.Code,
        CheckDurationMs = check.Duration is { } d ? (long)d.TotalMilliseconds : null,
    };
}
