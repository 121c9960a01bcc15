using HaKube.Tcplb.DataPlane;

namespace HaKube.Tcplb.Tests.DataPlane;

/// <summary>HAProxy's accept-time limits (listener_accept): bind line, frontend, process; all or none.</summary>
public sealed class AdmissionTests
{
    [Fact]
    public void Admit_TakesOneSlotAtEveryLevel()
    {
        var (bind, frontend, process) = (new ConnectionSlots(2), new ConnectionSlots(3), new ConnectionSlots(4));

        Assert.True(Admission.TryAdmit(bind, frontend, process, out var full, out _));

        Assert.Null(full);
        Assert.Equal((1, 1, 1), (bind.Count, frontend.Count, process.Count));
    }

    [Fact]
    public void FrontendAtMaxConn_RefusesTheFourth_AndHoldsNothingForIt()
    {
        var (frontend, process) = (new ConnectionSlots(3), new ConnectionSlots(4000));
        for (var i = 0; i < 3; i++)
        {
            Assert.True(Admission.TryAdmit(null, frontend, process, out _, out _));
        }

        Assert.False(Admission.TryAdmit(null, frontend, process, out var full, out var wake));

        Assert.Same(frontend, full);
        Assert.False(wake);
        Assert.Equal((3, 3), (frontend.Count, process.Count));
    }

    [Fact]
    public void ProcessFull_GivesBackTheBindAndFrontendSlotsItTook()
    {
        var (bind, frontend, process) = (new ConnectionSlots(10), new ConnectionSlots(10), new ConnectionSlots(1));
        Assert.True(Admission.TryAdmit(bind, frontend, process, out _, out _));

        Assert.False(Admission.TryAdmit(bind, frontend, process, out var full, out _));

        Assert.Same(process, full);
        Assert.Equal((1, 1, 1), (bind.Count, frontend.Count, process.Count));
    }

    [Fact]
    public void BindFull_StopsBeforeTheFrontend()
    {
        var (bind, frontend, process) = (new ConnectionSlots(1), new ConnectionSlots(10), new ConnectionSlots(10));
        Assert.True(Admission.TryAdmit(bind, frontend, process, out _, out _));

        Assert.False(Admission.TryAdmit(bind, frontend, process, out var full, out _));

        Assert.Same(bind, full);
        Assert.Equal((1, 1, 1), (bind.Count, frontend.Count, process.Count));
    }

    [Fact]
    public void NoLimit_AdmitsAnyNumber()
    {
        var (frontend, process) = (new ConnectionSlots(0), new ConnectionSlots(0));
        for (var i = 0; i < 10_000; i++)
        {
            Assert.True(Admission.TryAdmit(null, frontend, process, out _, out _));
        }

        Assert.Equal(10_000, process.Count);
    }

    [Fact]
    public void Release_OfALevelAListenerWaitsFor_AsksToWakeIt()
    {
        var (frontend, process) = (new ConnectionSlots(1), new ConnectionSlots(0));
        Assert.True(Admission.TryAdmit(null, frontend, process, out _, out _));
        Assert.False(Admission.TryAdmit(null, frontend, process, out var full, out _));
        Assert.False(full!.AddWaiter()); // still full: the listener pauses

        Assert.True(Admission.Release(null, frontend, process));

        Assert.True(frontend.HasRoom);
        full.RemoveWaiter();
        Assert.True(Admission.TryAdmit(null, frontend, process, out _, out _));
        Assert.False(Admission.Release(null, frontend, process)); // nobody waits any more
    }

    [Fact]
    public void Rollback_OfALevelAListenerWaitsFor_AsksToWakeIt()
    {
        // The frontend slot taken and given back on the way to a full process may be the one a paused listener waits for.
        var (frontend, process) = (new ConnectionSlots(1), new ConnectionSlots(1));
        var other = new ConnectionSlots(5);
        Assert.True(Admission.TryAdmit(null, other, process, out _, out _));
        _ = frontend.AddWaiter();

        Assert.False(Admission.TryAdmit(null, frontend, process, out var full, out var wake));

        Assert.Same(process, full);
        Assert.True(wake);
        Assert.Equal(0, frontend.Count);
    }

    [Fact]
    public void AddWaiter_WhenASlotFreedMeanwhile_SaysNotToPause()
    {
        var slots = new ConnectionSlots(1);
        Assert.True(slots.TryTake());
        _ = slots.Release();

        Assert.True(slots.AddWaiter());
    }

    [Fact]
    public void Concurrent_TakesNeverExceedTheLimit_AndMaxRecordsThePeak()
    {
        var slots = new ConnectionSlots(50);
        var exceeded = 0;
        Parallel.For(0, 8, worker =>
        {
            for (var i = 0; i < 10_000; i++)
            {
                if (slots.TryTake())
                {
                    slots.RecordPeak();
                    if (slots.Count > 50)
                    {
                        Interlocked.Increment(ref exceeded);
                    }

                    _ = slots.Release();
                }
            }
        });

        Assert.Equal(0, exceeded);

        Assert.Equal(0, slots.Count);
        Assert.InRange(slots.Max, 1, 50);
    }

    [Fact]
    public void Peak_CountsOnlyRecordedConnections_NotASlotGivenBackUnused()
    {
        var slots = new ConnectionSlots(10);
        Assert.True(slots.TryTake());
        slots.RecordPeak();
        Assert.True(slots.TryTake()); // taken for an accept that found the backlog empty
        _ = slots.Release();

        Assert.Equal(1, slots.Max);
    }

    [Fact]
    public void LoweredLimit_KeepsWhatIsHeld_AdmitsNothingUntilBelowIt()
    {
        var slots = new ConnectionSlots(5);
        for (var i = 0; i < 4; i++)
        {
            Assert.True(slots.TryTake());
        }

        slots.Limit = 2;

        Assert.False(slots.TryTake());
        Assert.Equal(4, slots.Count);
        for (var i = 0; i < 2; i++)
        {
            _ = slots.Release();
        }

        Assert.False(slots.TryTake());
        _ = slots.Release();
        Assert.True(slots.TryTake());
    }
}
