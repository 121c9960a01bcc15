namespace HaKube.Tcplb.Runtime;

/// <summary>The reply of the admin command "server".</summary>
internal sealed record ServerCommandResult(string Backend, string Server, string Previous, string Admin);
