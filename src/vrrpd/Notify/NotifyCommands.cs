using System.Globalization;
using HaKube.Vrrpd.Configuration;
using HaKube.Vrrpd.Tracking;

namespace HaKube.Vrrpd.Notify;

/// <summary>
/// Which scripts a state change runs, with which arguments (pure), as Keepalived's vrrp_notify.c: first the
/// state's own script (notify_master / notify_backup / notify_fault / notify_stop) with only its configured
/// arguments, then the generic <c>notify</c> with four arguments appended:
/// <c>INSTANCE|GROUP NAME MASTER|BACKUP|FAULT|STOP PRIORITY</c> (the priority is the instance's effective
/// priority, 0 for a group).
/// </summary>
internal static class NotifyCommands
{
    /// <summary>The generic notify's first argument.</summary>
    public static string SubjectWord(NotifySubject subject) => subject == NotifySubject.Group ? "GROUP" : "INSTANCE";

    /// <summary>The generic notify's state argument.</summary>
    public static string StateWord(NotifyState state) => state switch
    {
        NotifyState.Master => "MASTER",
        NotifyState.Backup => "BACKUP",
        NotifyState.Fault => "FAULT",
        NotifyState.Stop => "STOP",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, "not a notify state"),
    };

    /// <summary>The runs for one change, in the order they must happen.</summary>
    public static IReadOnlyList<NotifyCommand> For(NotifySubject subject, string name, NotifyOptions notify, NotifyState state, int priority, GlobalOptions global)
    {
        ArgumentNullException.ThrowIfNull(notify);
        ArgumentNullException.ThrowIfNull(global);
        var commands = new List<NotifyCommand>(2);
        var (keyword, specific) = state switch
        {
            NotifyState.Master => ("notify_master", notify.Master),
            NotifyState.Backup => ("notify_backup", notify.Backup),
            NotifyState.Fault => ("notify_fault", notify.Fault),
            NotifyState.Stop => ("notify_stop", notify.Stop),
            _ => throw new ArgumentOutOfRangeException(nameof(state), state, "not a notify state"),
        };
        if (specific is { Command.Count: > 0 })
        {
            commands.Add(Command(keyword, specific, specific.Command, global));
        }

        if (notify.Generic is { Command.Count: > 0 } generic)
        {
            var p = subject == NotifySubject.Group ? 0 : priority;
            commands.Add(Command("notify", generic,
                [.. generic.Command, SubjectWord(subject), name, StateWord(state), p.ToString(CultureInfo.InvariantCulture)], global));
        }

        return commands;
    }

    private static NotifyCommand Command(string keyword, NotifyScript script, IReadOnlyList<string> argv, GlobalOptions global)
    {
        var (user, group) = TrackerFactory.ScriptIdentity(script.User, script.Group, global);
        return new NotifyCommand(keyword, argv, user, group);
    }
}
