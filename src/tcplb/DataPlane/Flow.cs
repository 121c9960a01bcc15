namespace HaKube.Tcplb.DataPlane;

/// <summary>One direction of a session (client to server, or back): its pipe, bytes in flight, and end-of-stream state.</summary>
internal sealed class Flow
{
    public PipePair Pipe = PipePair.None;

    /// <summary>Bytes in the pipe not yet spliced out.</summary>
    public int Pending;

    /// <summary>The source sent FIN (read returned 0).</summary>
    public bool SourceEnded;

    /// <summary>The FIN was passed on: shutdown(SHUT_WR) on the destination.</summary>
    public bool DestinationShut;

    /// <summary>Bytes read from the source.</summary>
    public long Bytes;

    public void Reset()
    {
        Pipe = PipePair.None;
        Pending = 0;
        SourceEnded = false;
        DestinationShut = false;
        Bytes = 0;
    }
}
