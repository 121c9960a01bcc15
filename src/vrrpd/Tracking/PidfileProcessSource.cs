using HaKube.Vrrpd.Platform;

namespace HaKube.Vrrpd.Tracking;

/// <summary>The process a pidfile names (0 or 1 of it), through <see cref="PidfileTracker"/>: exit is seen through its pidfd, a rewritten pidfile through inotify.</summary>
internal sealed class PidfileProcessSource(string pidfile, PidfdWatcher watcher, string? expectedCommand = null) : IProcessSource
{
    private readonly PidfileTracker _tracker = new(pidfile, expectedCommand, watcher);
    private Action<ProcessSighting>? _changed;

    public ProcessSighting Current => ToSighting(_tracker.Current);

    public void Start(Action<ProcessSighting> changed)
    {
        _changed = changed ?? throw new ArgumentNullException(nameof(changed));
        _tracker.Changed += OnChanged;
        _tracker.Start();
    }

    public ValueTask DisposeAsync()
    {
        _tracker.Changed -= OnChanged;
        _tracker.Dispose();
        return ValueTask.CompletedTask;
    }

    private static ProcessSighting ToSighting(ProcessStateChange state) => new(state.IsRunning ? 1 : 0, state.Detail);

    private void OnChanged(object? sender, ProcessStateChange state) => _changed?.Invoke(ToSighting(state));
}
