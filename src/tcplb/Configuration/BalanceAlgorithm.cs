namespace HaKube.Tcplb.Configuration;

/// <summary>How a backend chooses a server for a new connection (HAProxy's <c>balance</c>).</summary>
internal enum BalanceAlgorithm
{
    /// <summary>Smooth weighted round-robin; weights may change at run time (slowstart).</summary>
    RoundRobin,

    /// <summary>Fewest active connections relative to weight; ties by round-robin.</summary>
    LeastConn,

    /// <summary>Hash of the client's address, consistent over the set of usable servers.</summary>
    Source,

    /// <summary>Draw <see cref="BackendOptions.RandomDraws"/> servers by weight, take the least loaded (2 = power of two choices).</summary>
    Random,
}
