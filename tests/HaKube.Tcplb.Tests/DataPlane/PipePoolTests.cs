using HaKube.Tcplb.DataPlane;
using Tmds.Linux;

namespace HaKube.Tcplb.Tests.DataPlane;

public sealed class PipePoolTests
{
    private const int OneMiB = 1 << 20;

    [Theory]
    [InlineData(16384L, 16L << 20)] // the kernel's default soft limit: a quarter is 16 MiB
    [InlineData(1024L, 1L << 20)] // a tight limit: a quarter of it
    [InlineData(1_000_000L, 16L << 20)] // a generous limit: never more than sixteen 1 MiB pipes
    [InlineData(0L, 16L << 20)] // 0 = no limit
    [InlineData(null, 16L << 20)] // unreadable
    public void Budget_IsAQuarterOfTheUsersPipeSoftLimit_AtMost16MiB(long? softPages, long expected) =>
        Assert.Equal(expected, LargePipeBudget.FromSoftLimit(softPages, 4096));

    [Fact]
    public void NewPipes_AreEnlarged_WhileTheBudgetLasts_ThenKeepTheDefaultSize()
    {
        var budget = new LargePipeBudget(2L * OneMiB, OneMiB);
        using var pool = new PipePool(maxSpare: 4, budget);

        var pipes = new PipePair[3];
        for (var i = 0; i < pipes.Length; i++)
        {
            Assert.True(pool.TryRent(out pipes[i], out var errno), $"pipe {i}: errno {errno}");
        }

        Assert.Equal([OneMiB, OneMiB], pipes[..2].Select(p => p.Capacity));
        Assert.All(pipes[..2], p => Assert.Equal(OneMiB, LibC.fcntl(p.ReadFd, LibC.F_GETPIPE_SZ)));
        Assert.False(pipes[2].Enlarged);
        Assert.Equal(LibC.fcntl(pipes[2].ReadFd, LibC.F_GETPIPE_SZ), pipes[2].Capacity);
        Assert.True(pipes[2].Capacity < OneMiB);
        Assert.Equal(0, budget.Available);

        // A spare pipe keeps its size and its share; a pipe closed with bytes in it gives the share back.
        pool.Return(pipes[0], empty: true);
        Assert.Equal(0, budget.Available);
        pool.Return(pipes[1], empty: false);
        Assert.Equal(OneMiB, budget.Available);

        Assert.True(pool.TryRent(out var reused, out _));
        Assert.Equal(pipes[0], reused);
        Assert.True(pool.TryRent(out var fresh, out _));
        Assert.True(fresh.Enlarged);
        Assert.Equal(0, budget.Available);

        pool.Return(reused, empty: true);
        pool.Return(fresh, empty: true);
        pool.Return(pipes[2], empty: true);
        pool.Dispose();
        Assert.Equal(budget.Total, budget.Available);
    }

    [Fact]
    public void NoBudget_PipesKeepTheKernelDefault()
    {
        using var pool = new PipePool(maxSpare: 1, LargePipeBudget.None);
        Assert.True(pool.TryRent(out var pipe, out _));
        Assert.False(pipe.Enlarged);
        Assert.Equal(LibC.fcntl(pipe.ReadFd, LibC.F_GETPIPE_SZ), pipe.Capacity);
        pool.Return(pipe, empty: true);
    }
}
