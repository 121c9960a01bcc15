namespace HaKube.Tcplb.Runtime;

/// <summary>Arguments of the admin command "server": action drain, disable or enable (or ready, maint), on BACKEND/SERVER.</summary>
internal sealed record ServerCommandArgs
{
    public string Action { get; init; } = "";

    public string Backend { get; init; } = "";

    public string Server { get; init; } = "";
}
