namespace HaKube.Tcplb.Health;

/// <summary>Why a server was marked down.</summary>
internal enum DownReason
{
    /// <summary>Active checks failed (fall consecutive failures, or the first failure before any success).</summary>
    ActiveCheck,

    /// <summary>A forwarded connection failed to connect (passive check): no new connections until rise checks pass.</summary>
    ConnectFailed,
}
