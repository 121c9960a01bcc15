using System.Collections.Concurrent;
using HaKube.NetLab;
using HaKube.Vrrpd.Platform;
using HaKube.Vrrpd.Tests.Platform;
using HaKube.Vrrpd.Tracking;

namespace HaKube.Vrrpd.Tests.Tracking;

public sealed class InterfaceTrackerTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Start_ReadsTheLink_UpIsReported()
    {
        var links = new FakeLinks { Current = FakeLinks.Up() };
        var changes = new ConcurrentQueue<TrackerStatus>();
        await using var tracker = new InterfaceTracker("eth0", 0, false, links);

        tracker.Start(changes.Enqueue);
        await tracker.Initialized.WaitAsync(Bound);

        Assert.True(tracker.Status.IsUp);
        Assert.Equal(TrackerKind.Interface, tracker.Status.Kind);
        Assert.Equal(0, tracker.Status.Weight); // Keepalived's default for track_interface: fault when down
        Assert.True(Assert.Single(changes).IsUp);
    }

    [Fact]
    public async Task CarrierLost_IsDownAtOnce_AndBackUp()
    {
        var links = new FakeLinks { Current = FakeLinks.Up() };
        var changes = new ConcurrentQueue<TrackerStatus>();
        await using var tracker = new InterfaceTracker("eth0", -30, false, links);
        tracker.Start(changes.Enqueue);
        await tracker.Initialized.WaitAsync(Bound);

        links.Change(FakeLinks.NoCarrier());
        Assert.False(tracker.Status.IsUp);
        Assert.Equal("no carrier", tracker.Status.Detail);
        Assert.Equal(-30, tracker.Status.Weight);
        links.Change(FakeLinks.Up());

        Assert.Equal([true, false, true], changes.Select(c => c.IsUp));
    }

    [Fact]
    public async Task OtherInterfaces_AreIgnored_RemovedOrRenamedIsDown()
    {
        var links = new FakeLinks { Current = FakeLinks.Up() };
        await using var tracker = new InterfaceTracker("eth0", 0, false, links);
        tracker.Start(_ => { });
        await tracker.Initialized.WaitAsync(Bound);

        links.Change(FakeLinks.NoCarrier("eth1", 3));
        Assert.True(tracker.Status.IsUp);
        links.Change(FakeLinks.Up("lan0", 2)); // eth0 renamed
        Assert.False(tracker.Status.IsUp);
        Assert.Contains("renamed", tracker.Status.Detail, StringComparison.Ordinal);
        links.Change(FakeLinks.Up());
        Assert.True(tracker.Status.IsUp);
        links.Remove(FakeLinks.Up());
        Assert.False(tracker.Status.IsUp);
        Assert.Equal("interface removed", tracker.Status.Detail);
    }

    [Fact]
    public async Task AnEventDuringTheFirstRead_WinsOverTheReadsOlderAnswer()
    {
        var links = new FakeLinks();
        links.HoldReads();
        await using var tracker = new InterfaceTracker("eth0", 0, false, links);
        tracker.Start(_ => { });

        links.Change(FakeLinks.NoCarrier());
        links.ReleaseRead(FakeLinks.Up()); // dumped before the event arrived
        await tracker.Initialized.WaitAsync(Bound);

        Assert.False(tracker.Status.IsUp);
    }

    [Fact]
    public async Task Overrun_RereadsTheLink()
    {
        var links = new FakeLinks { Current = FakeLinks.Up() };
        await using var tracker = new InterfaceTracker("eth0", 0, false, links);
        tracker.Start(_ => { });
        await tracker.Initialized.WaitAsync(Bound);

        links.Current = FakeLinks.NoCarrier(); // the event that said so was lost
        links.Overflow();

        await Wait.UntilAsync(() => !tracker.Status.IsUp, Bound, "the re-read to see the carrier gone");
        Assert.Equal(2, links.Reads);
    }

    [Fact]
    public async Task MissingInterface_IsDown_AndDisposeUnsubscribes()
    {
        var links = new FakeLinks();
        var tracker = new InterfaceTracker("eth9", 0, false, links);
        tracker.Start(_ => { });
        await tracker.Initialized.WaitAsync(Bound);
        Assert.False(tracker.Status.IsUp);
        Assert.Equal("no such interface", tracker.Status.Detail);

        await tracker.DisposeAsync();
        Assert.False(links.HasSubscribers);
    }

    [Fact]
    public async Task LabHost_CutLink_IsDownAtOnce_RestoreIsUp()
    {
        await using var lab = await Lab.CreateAsync();
        var a = await lab.AddHostAsync("a");
        await using var monitor = await InNamespace.RunAsync(a, NetlinkMonitor.Open);
        using var rtnl = await PlatformLab.RtnetlinkAsync(a);
        var changes = new ConcurrentQueue<TrackerStatus>();
        await using var tracker = new InterfaceTracker(a.Interface, 0, false, new NetlinkLinkStateSource(monitor, rtnl));
        tracker.Start(changes.Enqueue);
        monitor.Start();
        await tracker.Initialized.WaitAsync(PlatformLab.Bound);
        Assert.True(tracker.Status.IsUp, tracker.Status.Detail);

        await a.CutLinkAsync();
        await Wait.UntilAsync(() => !tracker.Status.IsUp, PlatformLab.Bound, "eth0 tracked down after the cut");
        Assert.Null(EffectivePriority.Compute(100, [tracker.Status], out var faultedBy));
        Assert.Equal([a.Interface], faultedBy);

        await a.RestoreLinkAsync();
        await Wait.UntilAsync(() => tracker.Status.IsUp, PlatformLab.Bound, "eth0 tracked up after the restore");
        Assert.Equal([true, false, true], changes.Select(c => c.IsUp));
    }
}
