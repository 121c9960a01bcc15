using System.Net;
using HaKube.Tcplb.Interop;

namespace HaKube.Tcplb.DataPlane;

/// <summary>Runtime controls: listeners on and off, closing a server's sessions, graceful drain.</summary>
internal sealed partial class ProxyEngine
{
    /// <summary>Binds (or adopts inherited sockets for) every address of <paramref name="frontend"/> and starts accepting; no-op when listening.</summary>
    public async Task StartListenersAsync(string frontend)
    {
        var f = Frontend(frontend);
        await _control.WaitAsync();
        try
        {
            if (f.Listening)
            {
                return;
            }

            var perLoop = new List<LoopListener>[_loops.Length];
            for (var i = 0; i < perLoop.Length; i++)
            {
                perLoop[i] = [];
            }

            var opened = new List<FileDescriptorHandle>();
            try
            {
                foreach (var bind in f.Options.Bind)
                {
                    OpenBind(f, bind, perLoop, opened);
                }
            }
            catch
            {
                foreach (var h in opened)
                {
                    h.Dispose();
                }

                f.SharedSockets.Clear();
                f.LocalEndPoints = [];
                throw;
            }

            f.Listening = true;
            await Task.WhenAll(_loops.Select((loop, i) => loop.InvokeAsync(l =>
            {
                foreach (var listener in perLoop[i])
                {
                    l.AddListener(listener);
                }

                return true;
            })));
        }
        finally
        {
            _control.Release();
        }
    }

    /// <summary>Closes the listening sockets of <paramref name="frontend"/>; established sessions continue.</summary>
    public async Task StopListenersAsync(string frontend)
    {
        var f = Frontend(frontend);
        await _control.WaitAsync();
        try
        {
            if (!f.Listening)
            {
                return;
            }

            await Task.WhenAll(_loops.Select(loop => loop.InvokeAsync(l =>
            {
                l.RemoveListeners(f);
                return true;
            })));
            CloseShared(f);
        }
        finally
        {
            _control.Release();
        }
    }

    /// <summary>Closes every session holding <paramref name="serverId"/> (termination 'D': server marked down); returns how many.</summary>
    public async Task<int> CloseSessionsAsync(int serverId)
    {
        var counts = await Task.WhenAll(_loops.Select(loop => loop.InvokeAsync(l =>
            l.TerminateWhere(s => s.Lease?.Server.Id == serverId, static s => new TerminationState('D', s.Phase == SessionPhase.Forwarding ? 'D' : 'C')))));
        return counts.Sum();
    }

    /// <summary>
    /// Graceful shutdown: stops every listener, lets sessions finish for at most <paramref name="bound"/>, then closes the rest
    /// (termination 'K'). Returns how many were closed that way.
    /// </summary>
    public async Task<int> DrainAsync(TimeSpan bound, CancellationToken cancellationToken = default)
    {
        foreach (var f in _frontends.Values)
        {
            await StopListenersAsync(f.Name);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(bound);
        try
        {
            while (ActiveConnections > 0)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(20), timeout.Token);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The bound passed: close what is left.
        }

        var counts = await Task.WhenAll(_loops.Select(loop => loop.InvokeAsync(l =>
            l.TerminateWhere(static _ => true, static s => new TerminationState('K', s.Phase == SessionPhase.Forwarding ? 'D' : 'C')))));
        return counts.Sum();
    }

    private void OpenBind(FrontendRuntime f, IPEndPoint bind, List<LoopListener>[] perLoop, List<FileDescriptorHandle> opened)
    {
        var inherited = _inherited.FindIndex(i => bind.Port != 0 && bind.Equals(i.LocalEndPoint));
        if (inherited >= 0)
        {
            var socket = new FileDescriptorHandle(_inherited[inherited].Fd);
            _inherited.RemoveAt(inherited);
            AddShared(f, bind, socket, perLoop, opened);
            return;
        }

        if (_options.Sharing == ListenerSharing.Exclusive || _loops.Length == 1)
        {
            var socket = ListenSocket.Open(bind, f.Options.Backlog, reusePort: false, f.Options.FreeBind, f.Name);
            AddShared(f, bind, socket, perLoop, opened);
            return;
        }

        // One SO_REUSEPORT socket per loop; port 0 resolves on the first, the others bind the same port.
        var actual = bind;
        for (var i = 0; i < perLoop.Length; i++)
        {
            var socket = ListenSocket.Open(actual, f.Options.Backlog, reusePort: true, f.Options.FreeBind, f.Name);
            opened.Add(socket);
            if (i == 0)
            {
                actual = ListenSocket.LocalEndPoint(socket.Fd) ?? bind;
                f.LocalEndPoints = f.LocalEndPoints.Add(actual);
            }

            perLoop[i].Add(new LoopListener(f, bind, actual, socket.Fd, socket, exclusive: false));
        }
    }

    private static void AddShared(FrontendRuntime f, IPEndPoint bind, FileDescriptorHandle socket, List<LoopListener>[] perLoop, List<FileDescriptorHandle> opened)
    {
        opened.Add(socket);
        f.SharedSockets.Add(socket);
        var actual = ListenSocket.LocalEndPoint(socket.Fd) ?? bind;
        f.LocalEndPoints = f.LocalEndPoints.Add(actual);
        foreach (var list in perLoop)
        {
            list.Add(new LoopListener(f, bind, actual, socket.Fd, owned: null, exclusive: true));
        }
    }
}
