namespace HaKube.Tcplb.DataPlane;

/// <summary>
/// Timeouts as HAProxy defines them, one wheel entry per session: activity only moves LastClientIo/LastServerIo, and the entry re-arms
/// itself when it fires before the real deadline. Deviation from HAProxy: the tunnel timeout starts at the server's first byte, not at
/// connect, so a server that accepts and never answers costs timeout server, not timeout tunnel.
/// </summary>
internal sealed partial class Session
{
    public long AcceptedAt { get; private set; }

    public DateTimeOffset AcceptDate { get; private set; }

    public long QueuedAt { get; private set; } = -1;

    public long DequeuedAt { get; private set; } = -1;

    public long ConnectStartedAt { get; private set; }

    public long ConnectedAt { get; private set; } = -1;

    public long LastClientIo { get; private set; }

    public long LastServerIo { get; private set; }

    /// <summary>Called by the loop when this session's wheel entry fires.</summary>
    public void OnTimer()
    {
        var deadline = Deadline(out var kind);
        if (kind == TimeoutKind.None)
        {
            return;
        }

        if (Loop.Now < deadline)
        {
            Loop.Wheel.Schedule(this, deadline);
            return;
        }

        switch (kind)
        {
            case TimeoutKind.Connect:
                ServerFailed(ConnectFailure.Timeout);
                break;
            case TimeoutKind.TurnAround:
                StartConnect();
                break;
            case TimeoutKind.ServerResponse:
                ServerFailed(ConnectFailure.ResponseTimeout);
                break;
            case TimeoutKind.Client:
            case TimeoutKind.Tunnel:
            case TimeoutKind.ClientFin:
                Terminate(new TerminationState('c', PhaseCode));
                break;
            default:
                Terminate(new TerminationState('s', PhaseCode));
                break;
        }

        AfterEvent();
    }

    private void ArmTimer()
    {
        var deadline = Deadline(out var kind);
        if (kind == TimeoutKind.None)
        {
            Loop.Wheel.Cancel(this);
        }
        else if (Loop.Wheel.FiresAt(this) is not { } at || at > deadline)
        {
            Loop.Wheel.Schedule(this, deadline);
        }
    }

    /// <summary>The earliest applicable deadline (loop milliseconds) and which timeout it is.</summary>
    private long Deadline(out TimeoutKind kind)
    {
        var best = long.MaxValue;
        kind = TimeoutKind.None;
        var f = Frontend;
        switch (Phase)
        {
            case SessionPhase.Queued:
                Consider(LastClientIo, f.ClientMs, TimeoutKind.Client, ref best, ref kind);
                break;
            case SessionPhase.Connecting:
                Consider(ConnectStartedAt, f.ConnectMs, TimeoutKind.Connect, ref best, ref kind);
                Consider(LastClientIo, f.ClientMs, TimeoutKind.Client, ref best, ref kind);
                break;
            case SessionPhase.TurnAround:
                Consider(_turnAroundFrom, Math.Max(1, _turnAroundMs), TimeoutKind.TurnAround, ref best, ref kind);
                Consider(LastClientIo, f.ClientMs, TimeoutKind.Client, ref best, ref kind);
                break;
            case SessionPhase.AwaitingResponse:
                Consider(LastServerIo, f.ServerMs, TimeoutKind.ServerResponse, ref best, ref kind);
                Consider(LastClientIo, f.ClientMs, TimeoutKind.Client, ref best, ref kind);
                // HAProxy sets server-fin as the read timeout on the server side once it shuts its write to the server
                // (the client's FIN passed on), and client-fin likewise once it shuts its write to the client.
                if (Up.DestinationShut)
                {
                    Consider(LastServerIo, f.ServerFinMs, TimeoutKind.ServerFin, ref best, ref kind);
                }

                break;
            default:
                if (f.TunnelMs > 0)
                {
                    Consider(Math.Max(LastClientIo, LastServerIo), f.TunnelMs, TimeoutKind.Tunnel, ref best, ref kind);
                }
                else
                {
                    Consider(LastClientIo, f.ClientMs, TimeoutKind.Client, ref best, ref kind);
                    Consider(LastServerIo, f.ServerMs, TimeoutKind.Server, ref best, ref kind);
                }

                if (Down.DestinationShut)
                {
                    Consider(LastClientIo, f.ClientFinMs, TimeoutKind.ClientFin, ref best, ref kind);
                }

                if (Up.DestinationShut)
                {
                    Consider(LastServerIo, f.ServerFinMs, TimeoutKind.ServerFin, ref best, ref kind);
                }

                break;
        }

        return best;
    }

    private static void Consider(long since, long timeoutMs, TimeoutKind candidate, ref long best, ref TimeoutKind kind)
    {
        if (timeoutMs > 0 && since + timeoutMs < best)
        {
            best = since + timeoutMs;
            kind = candidate;
        }
    }
}
