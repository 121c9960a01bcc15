namespace HaKube.Tcplb.DataPlane;

/// <summary>
/// One direction of a session (client to server, or back): bytes read and not yet sent, either copied (a small read,
/// parked in a native buffer) or spliced (in its pipe), and its end-of-stream state. Copied bytes always go out
/// before spliced ones: a direction splices only once its parked buffer is empty.
/// </summary>
internal sealed unsafe class Flow
{
    public PipePair Pipe = PipePair.None;

    /// <summary>Bytes in the pipe not yet spliced out.</summary>
    public int Pending;

    /// <summary>Copied bytes the destination could not take yet: [<see cref="ParkedStart"/>, <see cref="ParkedEnd"/>) of this buffer, or null.</summary>
    public byte* Parked;

    public int ParkedStart;

    public int ParkedEnd;

    /// <summary>The last read filled the copy buffer: the source has more, so reads splice until it runs dry.</summary>
    public bool Bulk;

    /// <summary>The source sent FIN (read returned 0).</summary>
    public bool SourceEnded;

    /// <summary>The FIN was passed on: shutdown(SHUT_WR) on the destination.</summary>
    public bool DestinationShut;

    /// <summary>Bytes read from the source.</summary>
    public long Bytes;

    /// <summary>Nothing read is waiting to be sent, copied or spliced.</summary>
    public bool Drained => Pending == 0 && Parked is null;

    public void Reset()
    {
        Pipe = PipePair.None;
        Pending = 0;
        Parked = null;
        ParkedStart = ParkedEnd = 0;
        Bulk = false;
        SourceEnded = false;
        DestinationShut = false;
        Bytes = 0;
    }
}
