namespace HaKube.Vrrpd.Tracking;

/// <summary>
/// Counts the processes a process tracker follows and says at once when the count changes: by pidfile
/// (<see cref="PidfileProcessSource"/>) or by name (<see cref="ProcessNameSource"/>); tests pass a fake.
/// </summary>
internal interface IProcessSource : IAsyncDisposable
{
    /// <summary>The count as last seen.</summary>
    ProcessSighting Current { get; }

    /// <summary>Looks once (so <see cref="Current"/> is real when this returns) and starts following.</summary>
    void Start(Action<ProcessSighting> changed);
}
