namespace HaKube.Vrrpd.Daemon;

internal sealed partial class VrrpInstance
{
    private ResignEntry? _resignation;

    /// <summary>The priority-0 adverts this instance sends on resigning, encoded once (the settings never change).</summary>
    private ResignEntry Resignation => _resignation ??= ResignEntry.For(Settings);

    /// <summary>Master now: --release can resign for this instance should the daemon be killed.</summary>
    private async Task RecordResignationAsync()
    {
        try
        {
            await _context.Resignations.SetAsync(Resignation);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Mastership goes on without it: a killed daemon's backup then waits Master_Down_Interval, as before.
            Log.ResignRecordNotWritten(_logger, Name, _context.Resignations.Path, e);
        }
    }

    /// <summary>Leaving master: the entry goes before the addresses and the priority-0 advert do.</summary>
    private async Task ForgetResignationAsync()
    {
        try
        {
            await _context.Resignations.RemoveAsync(Name);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Log.ResignRecordNotDeleted(_logger, Name, _context.Resignations.Path, e);
        }
    }
}
