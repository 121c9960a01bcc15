namespace HaKube.Tcplb.Checks;

/// <summary>Runs one probe of a server. Failures are results, never exceptions; cancellation (the check's time bound) ends the probe as a timeout of the phase it was in.</summary>
internal interface IServerProber
{
    ValueTask<ProbeResult> ProbeAsync(CheckTarget target, CancellationToken cancellationToken);
}
