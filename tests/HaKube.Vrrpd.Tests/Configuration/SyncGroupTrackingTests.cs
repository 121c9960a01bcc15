using HaKube.Vrrpd.Configuration;

namespace HaKube.Vrrpd.Tests.Configuration;

/// <summary>How a sync group's trackers reach its members (Keepalived 2.2.7's sync_group_tracking_init).</summary>
public sealed class SyncGroupTrackingTests
{
    private static VrrpdOptions Options(int vbPriority = 100, VrrpInstanceOptions? va = null) => new(
        TrackScripts: [new TrackScriptOptions("chk", ["/bin/true"], Weight: -30, WeightReverse: true), new TrackScriptOptions("own", ["/bin/true"])],
        TrackFiles: [new TrackFileOptions("tf", "/tmp/hakube-group-health")],
        Instances:
        [
            va ?? new VrrpInstanceOptions("va", Interface: "eth0", VirtualRouterId: 60, TrackScripts: [new TrackReference("own")]),
            new VrrpInstanceOptions("vb", Interface: "eth0", VirtualRouterId: 61, Priority: vbPriority),
            new VrrpInstanceOptions("alone", Interface: "eth0", VirtualRouterId: 62),
        ],
        SyncGroups:
        [
            new SyncGroupOptions("lbs", ["va", "vb"],
                TrackScripts: [new TrackReference("chk")],
                TrackInterfaces: [new TrackReference("eth1", -5)],
                TrackFiles: [new TrackReference("tf", -20)]),
        ]);

    [Fact]
    public void EveryMember_TracksTheGroupsTrackers_AfterItsOwn_AnInstanceOutsideTheGroupDoesNot()
    {
        var options = Options();

        var va = SyncGroupTracking.WithGroupTrackers(options, options.Instances[0]);
        var vb = SyncGroupTracking.WithGroupTrackers(options, options.Instances[1]);

        Assert.Equal([new TrackReference("own"), new TrackReference("chk")], va.TrackScripts);
        Assert.Equal([new TrackReference("chk")], vb.TrackScripts);
        Assert.All([va, vb], m => Assert.Equal([new TrackReference("eth1", -5)], m.TrackInterfaces));
        Assert.All([va, vb], m => Assert.Equal([new TrackReference("tf", -20)], m.TrackFiles));
        Assert.Same(options.Instances[2], SyncGroupTracking.WithGroupTrackers(options, options.Instances[2]));
    }

    [Fact]
    public void AMembersOwnReferenceToAGroupTracker_GivesWayToTheGroups()
    {
        // Keepalived 2.2.7 with sync_group_tracking_weight: member "chk weight -10", group "chk" (-30): the member advertises base - 30.
        var options = Options(va: new VrrpInstanceOptions("va", Interface: "eth0", VirtualRouterId: 60, TrackScripts: [new TrackReference("chk", -10), new TrackReference("own")]));

        var va = SyncGroupTracking.WithGroupTrackers(options, options.Instances[0]);

        Assert.Equal([new TrackReference("own"), new TrackReference("chk")], va.TrackScripts);
    }

    [Fact]
    public void AnAddressOwnerMember_ClearsTheGroupsWeights_ForEveryMember_KeepingTheDefinitionsReverse()
    {
        var options = Options(vbPriority: 255);

        var va = SyncGroupTracking.WithGroupTrackers(options, options.Instances[0]);

        Assert.Equal([new TrackReference("own"), new TrackReference("chk", 0, WeightReverse: true)], va.TrackScripts);
        Assert.Equal([new TrackReference("eth1", 0, WeightReverse: false)], va.TrackInterfaces);
        Assert.Equal([new TrackReference("tf", 0, WeightReverse: false)], va.TrackFiles);
        Assert.Equal(va.TrackFiles, SyncGroupTracking.WithGroupTrackers(options, options.Instances[1]).TrackFiles);
    }

    private static VrrpdOptions MemberWeights(bool trackingWeight) => new(
        TrackScripts:
        [
            new TrackScriptOptions("chk_weighted", ["/bin/true"], Weight: -20), new TrackScriptOptions("chk_zero", ["/bin/true"]),
            new TrackScriptOptions("chk_made_weighted", ["/bin/true"]), new TrackScriptOptions("chk_made_zero", ["/bin/true"], Weight: -20),
        ],
        TrackProcesses: [new TrackProcessOptions("haproxy", ProcessName: "haproxy", Weight: -7)],
        TrackFiles:
        [
            new TrackFileOptions("tf", "/tmp/hakube-member-health", Weight: 4), new TrackFileOptions("tf_zero", "/tmp/hakube-member-fault", Weight: 0),
            new TrackFileOptions("tf_made_zero", "/tmp/hakube-member-other", Weight: 4),
        ],
        Instances:
        [
            new VrrpInstanceOptions("va", Interface: "eth0", VirtualRouterId: 60,
                TrackScripts: [new TrackReference("chk_weighted"), new TrackReference("chk_zero"), new TrackReference("chk_made_weighted", 3), new TrackReference("chk_made_zero", 0)],
                TrackInterfaces: [new TrackReference("eth1", -10)],
                TrackProcesses: [new TrackReference("haproxy")],
                TrackFiles: [new TrackReference("tf"), new TrackReference("tf_zero"), new TrackReference("tf_made_zero", 0)]),
            new VrrpInstanceOptions("vb", Interface: "eth0", VirtualRouterId: 61),
            new VrrpInstanceOptions("alone", Interface: "eth0", VirtualRouterId: 62, TrackScripts: [new TrackReference("chk_weighted")]),
        ],
        SyncGroups: [new SyncGroupOptions("lbs", ["va", "vb"], TrackingWeight: trackingWeight)]);

    [Fact]
    public void AMembersWeightedScriptsAndFiles_AreIgnoredInAGroup_WeightZeroInterfacesAndProcessesStay()
    {
        // Keepalived 2.2.7 (data dump): "ignoring tracked script chk_weighted with weights due to SYNC group" and
        // "ignoring tracked file tf with weight 4 ..." drop them; the interface's -10 and the process's -7 still apply.
        var options = MemberWeights(trackingWeight: false);

        var va = SyncGroupTracking.WithGroupTrackers(options, options.Instances[0]);

        Assert.Equal([new TrackReference("chk_zero"), new TrackReference("chk_made_zero", 0)], va.TrackScripts);
        Assert.Equal([new TrackReference("tf_zero"), new TrackReference("tf_made_zero", 0)], va.TrackFiles);
        Assert.Equal(options.Instances[0].TrackInterfaces, va.TrackInterfaces);
        Assert.Equal(options.Instances[0].TrackProcesses, va.TrackProcesses);
        Assert.Same(options.Instances[2], SyncGroupTracking.WithGroupTrackers(options, options.Instances[2]));
    }

    [Fact]
    public void WithSyncGroupTrackingWeight_AMembersWeightedReferencesAllStay()
    {
        var options = MemberWeights(trackingWeight: true);

        Assert.Same(options.Instances[0], SyncGroupTracking.WithGroupTrackers(options, options.Instances[0]));
    }

    [Fact]
    public void WeightOf_TheReferencesElseTheDefinitions()
    {
        var options = Options();
        var scripts = SyncGroupTracking.Lists.Single(l => l.Field == "trackScripts");
        var interfaces = SyncGroupTracking.Lists.Single(l => l.Field == "trackInterfaces");

        Assert.Equal((-30, true), SyncGroupTracking.WeightOf(options, scripts, new TrackReference("chk")));
        Assert.Equal((7, true), SyncGroupTracking.WeightOf(options, scripts, new TrackReference("chk", 7))); // the definition's reverse stays
        Assert.Equal((7, false), SyncGroupTracking.WeightOf(options, scripts, new TrackReference("chk", 7, WeightReverse: false)));
        Assert.Equal((0, false), SyncGroupTracking.WeightOf(options, interfaces, new TrackReference("eth1")));
    }
}
