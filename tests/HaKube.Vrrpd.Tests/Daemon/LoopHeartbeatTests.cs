using HaKube.Vrrpd.Daemon;

namespace HaKube.Vrrpd.Tests.Daemon;

/// <summary>The watchdog's view of an instance loop (issue 3, point 9: WatchdogSec honoured, so a hung loop gets restarted).</summary>
public sealed class LoopHeartbeatTests
{
    [Fact]
    public void ALoopThatServesEachHeartbeat_StaysAlive()
    {
        var heartbeat = new LoopHeartbeat();
        var queued = 0;

        for (var i = 0; i < 5; i++)
        {
            Assert.True(heartbeat.CheckAndPost(() => { queued++; return true; }));
            heartbeat.Serve(); // the loop reaches it before the next check
        }

        Assert.Equal(5, queued);
        Assert.Equal(5, heartbeat.Served);
    }

    [Fact]
    public void ALoopThatHangs_FailsTheNextCheck_AndPostsNoMore()
    {
        var heartbeat = new LoopHeartbeat();
        var queued = 0;

        Assert.True(heartbeat.CheckAndPost(() => { queued++; return true; }));
        // The loop is stuck in an action: the heartbeat stays queued.
        Assert.False(heartbeat.CheckAndPost(() => { queued++; return true; }));
        Assert.False(heartbeat.CheckAndPost(() => { queued++; return true; }));
        Assert.Equal(1, queued);

        // It turns again: the next check passes.
        heartbeat.Serve();
        Assert.True(heartbeat.CheckAndPost(() => true));
    }

    [Fact]
    public void ALoopThatEnded_TakesNoHeartbeat_AndFails()
    {
        var heartbeat = new LoopHeartbeat();

        Assert.False(heartbeat.CheckAndPost(() => false));
        Assert.False(heartbeat.CheckAndPost(() => false));
    }
}
