using System.Collections.Concurrent;
using HaKube.NetLab;
using HaKube.Vrrpd.Tracking;

namespace HaKube.Vrrpd.Tests.Tracking;

public sealed class FileTrackerTests : IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);
    private readonly string _directory = Directory.CreateTempSubdirectory("hakube-trackfile-").FullName;

    private string FilePath => Path.Combine(_directory, "vrrp-weight");

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Theory]
    [InlineData("5\n", 5)]
    [InlineData("  -12", -12)]
    [InlineData("0x10", 16)]
    [InlineData("010", 8)]
    [InlineData("", 0)]
    [InlineData("7 apples", 7)]
    public void Parse_AsKeepalivedsStrtol(string text, long value)
    {
        Assert.True(TrackFileValue.TryParse(text, out var read, out _));
        Assert.Equal(value, read);
    }

    [Fact]
    public void Parse_OutOfRange_IsRejected() => Assert.False(TrackFileValue.TryParse("99999999999", out _, out _));

    [Fact]
    public void WeightZero_NonZeroIsAFault_ReverseTurnsItAround()
    {
        Assert.True(TrackFileValue.ToStatus("f", 0, 0, false).IsUp);
        Assert.Null(EffectivePriority.Compute(100, [TrackFileValue.ToStatus("f", 3, 0, false)], out _));
        Assert.Null(EffectivePriority.Compute(100, [TrackFileValue.ToStatus("f", 0, 0, true)], out _));
        Assert.Equal(100, EffectivePriority.Compute(100, [TrackFileValue.ToStatus("f", 3, 0, true)], out _));
    }

    [Fact]
    public void Weighted_ValueTimesWeight_CutTo253_AndMinus254IsAFault()
    {
        Assert.Equal(-20, TrackFileValue.ToStatus("f", 2, -10, false).Adjustment);
        Assert.Equal(20, TrackFileValue.ToStatus("f", 2, -10, true).Adjustment);
        Assert.Equal(253, TrackFileValue.ToStatus("f", 100, 10, false).Adjustment);
        Assert.Equal(80, EffectivePriority.Compute(100, [TrackFileValue.ToStatus("f", 2, -10, false)], out _));
        var fault = TrackFileValue.ToStatus("f", 254, -1, false);
        Assert.False(fault.IsUp);
        Assert.Null(EffectivePriority.Compute(200, [fault], out _));
        Assert.NotNull(EffectivePriority.Compute(200, [TrackFileValue.ToStatus("f", 253, -1, false)], out _));
    }

    [Fact]
    public async Task RealFile_ChangesAreFollowed_DeletedCountsAsZero()
    {
        await File.WriteAllTextAsync(FilePath, "3\n");
        var changes = new ConcurrentQueue<TrackerStatus>();
        await using var tracker = new FileTracker(new FileTrackerSettings("weight", FilePath, Weight: -10), TimeProvider.System);
        tracker.Start(changes.Enqueue);
        Assert.Equal(-30, tracker.Status.Adjustment);

        await File.WriteAllTextAsync(FilePath, "1\n");
        await Wait.UntilAsync(() => tracker.Status.Adjustment == -10, Bound, "the new value");
        // A shell write truncates first; the empty moment must not count as 0 for long, and the end value wins.
        await ShellAsync($"echo 5 > {FilePath}");
        await Wait.UntilAsync(() => tracker.Status.Adjustment == -50, Bound, "the shell-written value");
        File.Delete(FilePath);
        await Wait.UntilAsync(() => tracker.Status.Adjustment == 0, Bound, "a deleted file to count as 0");

        Assert.Equal(-50, changes.Last(c => c.Adjustment != 0).Adjustment);
    }

    [Fact]
    public async Task RealFile_WeightZero_FaultWhileNonZero()
    {
        await using var tracker = new FileTracker(new FileTrackerSettings("maint", FilePath, Weight: 0), TimeProvider.System);
        tracker.Start(_ => { });
        Assert.True(tracker.Status.IsUp); // missing: 0

        await File.WriteAllTextAsync(FilePath, "1");
        await Wait.UntilAsync(() => !tracker.Status.IsUp, Bound, "fault on a non-zero value");
        await File.WriteAllTextAsync(FilePath, "0");
        await Wait.UntilAsync(() => tracker.Status.IsUp, Bound, "up again on 0");
    }

    [Fact]
    public async Task InitFile_CreatesAMissingFile_ButOverwritesOnlyWhenAsked()
    {
        await using (var tracker = new FileTracker(new FileTrackerSettings("w", FilePath, InitValue: 4), TimeProvider.System))
        {
            tracker.Start(_ => { });
            Assert.Equal(4, tracker.Value);
        }

        await File.WriteAllTextAsync(FilePath, "9\n");
        await using (var tracker = new FileTracker(new FileTrackerSettings("w", FilePath, InitValue: 4), TimeProvider.System))
        {
            tracker.Start(_ => { });
            Assert.Equal(9, tracker.Value);
        }

        await using (var tracker = new FileTracker(new FileTrackerSettings("w", FilePath, InitValue: 4, InitOverwrite: true), TimeProvider.System))
        {
            tracker.Start(_ => { });
            Assert.Equal(4, tracker.Value);
        }

        Assert.Equal("4\n", await File.ReadAllTextAsync(FilePath));
    }

    private static async Task ShellAsync(string script)
    {
        using var process = System.Diagnostics.Process.Start("sh", ["-c", script]);
        await process.WaitForExitAsync();
        Assert.Equal(0, process.ExitCode);
    }
}
