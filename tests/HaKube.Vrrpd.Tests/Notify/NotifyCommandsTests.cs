using HaKube.Vrrpd.Configuration;
using HaKube.Vrrpd.Notify;

namespace HaKube.Vrrpd.Tests.Notify;

public sealed class NotifyCommandsTests
{
    private static readonly NotifyOptions Scripts = new(
        Master: new NotifyScript(["/usr/local/bin/vip-notify", "master"]),
        Backup: new NotifyScript(["/usr/local/bin/vip-notify", "backup"], User: "nobody", Group: "nogroup"),
        Generic: new NotifyScript(["/usr/local/bin/notify-all", "--log"]));

    [Fact]
    public void Instance_RunsTheStatesScript_ThenTheGenericWithKeepalivedsFourArguments()
    {
        var commands = NotifyCommands.For(NotifySubject.Instance, "haproxy-vip", Scripts, NotifyState.Master, 102, new GlobalOptions());

        Assert.Equal(["notify_master", "notify"], commands.Select(c => c.Keyword));
        Assert.Equal(["/usr/local/bin/vip-notify", "master"], commands[0].Argv);
        Assert.Equal(["/usr/local/bin/notify-all", "--log", "INSTANCE", "haproxy-vip", "MASTER", "102"], commands[1].Argv);
    }

    [Fact]
    public void Group_PriorityIsZero_AndStatesWithoutTheirScriptRunOnlyTheGeneric()
    {
        var commands = NotifyCommands.For(NotifySubject.Group, "VG_1", Scripts, NotifyState.Stop, 100, new GlobalOptions());

        var generic = Assert.Single(commands);
        Assert.Equal(["/usr/local/bin/notify-all", "--log", "GROUP", "VG_1", "STOP", "0"], generic.Argv);
    }

    [Fact]
    public void Users_ScriptsOwn_ElseTheGlobalScriptUser()
    {
        var global = new GlobalOptions(ScriptUser: "keepalived_script");
        Assert.Equal(("nobody", "nogroup"), (NotifyCommands.For(NotifySubject.Instance, "v", Scripts, NotifyState.Backup, 1, global)[0].User,
            NotifyCommands.For(NotifySubject.Instance, "v", Scripts, NotifyState.Backup, 1, global)[0].Group));
        Assert.Equal("keepalived_script", NotifyCommands.For(NotifySubject.Instance, "v", Scripts, NotifyState.Master, 1, global)[0].User);
    }

    [Fact]
    public void NoScripts_NothingToRun() => Assert.Empty(NotifyCommands.For(NotifySubject.Instance, "v", new NotifyOptions(), NotifyState.Fault, 0, new GlobalOptions()));
}
