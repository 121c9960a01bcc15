namespace HaKube.Vrrpd.Daemon.Admin;

/// <summary>The admin socket's command names.</summary>
internal static class AdminCommands
{
    public const string Status = "status";

    /// <summary>args {"on": true|false}.</summary>
    public const string Maintenance = "maint";

    public const string Reload = "reload";
}
