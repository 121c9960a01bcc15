namespace HaKube.Tcplb.Checks;

/// <summary>What arrives at the health loop.</summary>
internal enum CheckMessageKind
{
    /// <summary>A server's check timer fired.</summary>
    Due,

    /// <summary>A probe ended.</summary>
    Completed,

    /// <summary>The backend's health of a server changed for a reason other than this service's report (a failed connect of the data plane).</summary>
    HealthChanged,
}
