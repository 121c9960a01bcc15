namespace HaKube.Tcplb.Balancing;

internal enum PickOutcome
{
    /// <summary>Connect to <see cref="PickResult.Server"/>.</summary>
    Server,

    /// <summary>Usable servers exist but all are at maxconn: wait in the backend queue (at most timeout queue).</summary>
    Queue,

    /// <summary>All usable servers are full and the queue is at its bound: close the connection.</summary>
    QueueFull,

    /// <summary>No server is usable: close the connection at once.</summary>
    NoServer,
}
