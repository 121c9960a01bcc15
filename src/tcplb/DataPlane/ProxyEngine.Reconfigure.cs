namespace HaKube.Tcplb.DataPlane;

/// <summary>Applying a new set of frontends (a reload) without dropping a connection.</summary>
internal sealed partial class ProxyEngine
{
    /// <summary>
    /// Replaces the frontends. One whose bind addresses (and backlog, freebind) equal those of a listening frontend takes
    /// over its listening sockets, so nothing waiting in their backlogs is lost; the others are stopped or bound anew.
    /// Established sessions keep the options (scheduler, timeouts, log) they started with.
    /// </summary>
    public async Task ReconfigureAsync(IEnumerable<FrontendOptions> frontends)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var next = new List<FrontendRuntime>();
        var toStart = new List<FrontendRuntime>();
        await _control.WaitAsync();
        try
        {
            foreach (var options in frontends)
            {
                if (next.Exists(f => f.Name == options.Name))
                {
                    throw new ArgumentException($"frontend '{options.Name}' is defined twice", nameof(frontends));
                }

                // Same name: its established connections keep counting against its (new) maxconn.
                next.Add(new FrontendRuntime(options, _frontends.GetValueOrDefault(options.Name)));
            }

            var old = _frontends.Values.ToList();
            var kept = new HashSet<FrontendRuntime>();
            foreach (var fresh in next)
            {
                var match = old.Find(o => o.Listening && !kept.Contains(o) && SameBinds(o.Options, fresh.Options));
                if (match is null)
                {
                    toStart.Add(fresh);
                    continue;
                }

                kept.Add(match);
                await Task.WhenAll(_loops.Select(loop => loop.InvokeAsync(l =>
                {
                    l.RetargetListeners(match, fresh);
                    return true;
                })));
                fresh.SharedSockets.AddRange(match.SharedSockets);
                fresh.LocalEndPoints = match.LocalEndPoints;
                fresh.Listening = true;
                match.SharedSockets.Clear();
                match.LocalEndPoints = [];
                match.Listening = false;
            }

            foreach (var gone in old.Where(o => o.Listening && !kept.Contains(o)))
            {
                await Task.WhenAll(_loops.Select(loop => loop.InvokeAsync(l =>
                {
                    l.RemoveListeners(gone);
                    return true;
                })));
                CloseShared(gone);
            }

            // A new map, swapped in whole: loop, admin and metrics threads read the frontends without the lock.
            var map = new Dictionary<string, FrontendRuntime>(StringComparer.Ordinal);
            foreach (var f in next)
            {
                map.Add(f.Name, f);
            }

            Volatile.Write(ref _frontends, map);
        }
        finally
        {
            _control.Release();
        }

        foreach (var f in toStart)
        {
            await StartListenersAsync(f.Name);
        }
    }

    private static bool SameBinds(FrontendOptions a, FrontendOptions b)
        => a.Backlog == b.Backlog && a.FreeBind == b.FreeBind && a.Bind.SequenceEqual(b.Bind);
}
