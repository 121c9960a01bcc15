namespace HaKube.Common.Tests.Support;

/// <summary>Bounded waits on a condition, instead of sleeps.</summary>
internal static class Until
{
    public static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    public static async Task TrueAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + Bound;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"timed out after {Bound.TotalSeconds} s waiting for: {what}");
            }

            await Task.Delay(5);
        }
    }

    public static async Task<T> DoneAsync<T>(Task<T> task, string what)
    {
        var finished = await Task.WhenAny(task, Task.Delay(Bound));
        if (finished != task)
        {
            Assert.Fail($"timed out after {Bound.TotalSeconds} s waiting for: {what}");
        }

        return await task;
    }

    public static async Task DoneAsync(Task task, string what)
    {
        var finished = await Task.WhenAny(task, Task.Delay(Bound));
        if (finished != task)
        {
            Assert.Fail($"timed out after {Bound.TotalSeconds} s waiting for: {what}");
        }

        await task;
    }
}
