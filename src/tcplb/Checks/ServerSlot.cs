namespace HaKube.Tcplb.Checks;

/// <summary>The health loop's bookkeeping for one server's checks; touched by the loop only.</summary>
internal sealed class ServerSlot
{
    public long Generation { get; set; }

    public ITimer? CheckTimer { get; set; }

    public DateTimeOffset? NextCheckAt { get; set; }

    public Task? Probe { get; set; }

    public ProbeResult? LastResult { get; set; }

    public TimeSpan? LastDuration { get; set; }
}
