namespace HaKube.Vrrpd.Configuration;

/// <summary>Scripts run on state changes, as Keepalived's notify_* keywords.</summary>
/// <param name="Master">Run on becoming master (notify_master).</param>
/// <param name="Backup">Run on becoming backup (notify_backup).</param>
/// <param name="Fault">Run on entering fault (notify_fault).</param>
/// <param name="Stop">Run when the instance stops (notify_stop).</param>
/// <param name="Generic">Run on every change with the arguments GROUP|INSTANCE, name, state and priority appended (notify).</param>
internal sealed record NotifyOptions(
    NotifyScript? Master = null,
    NotifyScript? Backup = null,
    NotifyScript? Fault = null,
    NotifyScript? Stop = null,
    NotifyScript? Generic = null)
{

}
