using HaKube.Vrrpd.StateMachine;
using static HaKube.Vrrpd.StateMachine.VrrpActionKind;

namespace HaKube.Vrrpd.Tests.StateMachine;

/// <summary>
/// The resign record `vrrpd --release` sends from: written once a new Master's first advert is out, deleted first on
/// every way out of Master (the harness also checks this after every step of every test).
/// </summary>
public sealed class VrrpResignationTests
{
    public static TheoryData<string> WaysOut => new("shutdown", "fault", "priority-0-tracker", "higher-priority-advert", "maintenance", "sync-group-backup");

    [Fact]
    public void BecomingMaster_RecordsTheResignation_AfterTheFirstAdvertAndArps_Rfc5798_6_4_2_Extension()
    {
        var h = new VrrpHarness(VrrpHarness.V3());
        h.Handle(VrrpEvent.Startup);

        var actions = h.Advance(h.State.MasterDownDeadline!.Value - h.Now).Select(a => a.Kind).ToList();

        Assert.Equal(VrrpState.Master, h.State.State);
        Assert.True(h.HoldsResignRecord);
        Assert.True(actions.IndexOf(SendGratuitousArps) < actions.IndexOf(RecordResignation));
        Assert.True(actions.IndexOf(SendAdvert) < actions.IndexOf(RecordResignation));
    }

    [Theory]
    [MemberData(nameof(WaysOut))]
    public void LeavingMaster_ForgetsTheResignationFirst_Rfc5798_6_4_3_Extension(string way)
    {
        var h = new VrrpHarness(VrrpHarness.V3());
        h.Handle(VrrpEvent.Startup);
        h.Advance(h.State.MasterDownDeadline!.Value - h.Now);
        Assert.True(h.HoldsResignRecord);

        var actions = way switch
        {
            "shutdown" => h.Handle(VrrpEvent.Shutdown),
            "fault" => h.Handle(VrrpEvent.Fault),
            "priority-0-tracker" => h.Handle(VrrpEvent.PriorityChanged(0)),
            "higher-priority-advert" => h.Advert(200),
            "maintenance" => h.Handle(VrrpEvent.MaintenanceOn),
            _ => h.Handle(VrrpEvent.SyncGroupBackup),
        };

        Assert.NotEqual(VrrpState.Master, h.State.State);
        Assert.Equal(ForgetResignation, actions[0].Kind);
        Assert.False(h.HoldsResignRecord);
    }
}
