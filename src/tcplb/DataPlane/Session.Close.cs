using Tmds.Linux;

namespace HaKube.Tcplb.DataPlane;

/// <summary>Ending a session: the log entry, then every descriptor, buffer and lease handed back.</summary>
internal sealed unsafe partial class Session
{
    private const string NoServer = "<NOSRV>";

    /// <summary>Closes both sides and returns the session to its loop's pool; idempotent.</summary>
    public void Terminate(TerminationState state)
    {
        if (!InUse)
        {
            return;
        }

        Loop.Wheel.Cancel(this);
        if (_queueCancel is not null)
        {
            _queueCancel.Cancel();
            _queueCancel.Dispose();
            _queueCancel = null;
        }

        var entry = Frontend.Options.Log is null ? null : LogEntry(state);

        if (ClientFd >= 0)
        {
            _ = LibC.close(ClientFd);
            ClientFd = -1;
        }

        ReturnBuffers(Up);
        ReturnBuffers(Down);
        ReleaseHeld();
        DropServer(failed: false);
        Loop.Engine.Release(Frontend, _bindSlots);
        _bindSlots = null;

        InUse = false;
        Generation++;
        Phase = SessionPhase.Queued;
        ClientReadable = ClientWritable = ClientHangup = ServerAborted = false;
        Up.Reset();
        Down.Reset();
        _tried.Clear();
        Retries = 0;
        QueuedAt = DequeuedAt = ConnectedAt = -1;
        _lastServer = null;
        _serverQueue = _backendQueue = 0;
        var frontend = Frontend;
        Loop.Free(this);

        // Last, so a throwing sink cannot leak the session.
        if (entry is not null)
        {
            frontend.Options.Log!(entry);
        }
    }

    private void ReturnBuffers(Flow flow)
    {
        if (!flow.Pipe.IsNone)
        {
            Loop.Pipes.Return(flow.Pipe, empty: flow.Pending == 0);
            flow.Pipe = PipePair.None;
        }

        if (flow.Parked is not null)
        {
            Loop.CopyBuffers.Return(flow.Parked);
            flow.Parked = null;
        }
    }

    private ConnectionLogEntry LogEntry(TerminationState state)
    {
        var now = Loop.Now;
        return new ConnectionLogEntry
        {
            Client = Client,
            AcceptDate = AcceptDate,
            Frontend = Frontend.Name,
            Backend = _lastServer?.BackendName ?? Frontend.Options.BackendName,
            Server = _lastServer?.Name ?? NoServer,
            QueueMilliseconds = QueuedAt < 0 ? 0 : DequeuedAt < 0 ? -1 : DequeuedAt - QueuedAt,
            ConnectMilliseconds = ConnectedAt < 0 ? -1 : ConnectedAt - ConnectStartedAt,
            TotalMilliseconds = now - AcceptedAt,
            BytesRead = Down.Bytes,
            BytesUploaded = Up.Bytes,
            Termination = state,
            ActiveConnections = Loop.Engine.ActiveConnections,
            FrontendConnections = Frontend.CurrentConnections,
            BackendConnections = Frontend.BackendConnections,
            ServerConnections = _lastServer?.CurrentConnections ?? 0,
            Retries = Retries,
            ServerQueue = _serverQueue,
            BackendQueue = _backendQueue,
        };
    }
}
