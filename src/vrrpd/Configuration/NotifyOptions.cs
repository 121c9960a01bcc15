namespace HaKube.Vrrpd.Configuration;

/// <summary>Scripts run on state changes, as Keepalived's notify_* keywords.</summary>
internal sealed record NotifyOptions
{
    /// <summary>Run on becoming master (notify_master).</summary>
    public NotifyScript? Master { get; init; }

    /// <summary>Run on becoming backup (notify_backup).</summary>
    public NotifyScript? Backup { get; init; }

    /// <summary>Run on entering fault (notify_fault).</summary>
    public NotifyScript? Fault { get; init; }

    /// <summary>Run when the instance stops (notify_stop).</summary>
    public NotifyScript? Stop { get; init; }

    /// <summary>Run on every change with the arguments GROUP|INSTANCE, name, state and priority appended (notify).</summary>
    public NotifyScript? Generic { get; init; }
}
