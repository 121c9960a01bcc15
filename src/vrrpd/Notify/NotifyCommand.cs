namespace HaKube.Vrrpd.Notify;

/// <summary>One script run a state change calls for.</summary>
/// <param name="Keyword">The keyword it comes from (notify_master, notify, ...), for logs.</param>
/// <param name="Argv">Program and arguments, run without a shell.</param>
/// <param name="User">User to run as; null: the daemon's own.</param>
/// <param name="Group">Group to run as; null: the user's primary group.</param>
internal sealed record NotifyCommand(string Keyword, IReadOnlyList<string> Argv, string? User, string? Group);
