using System.Diagnostics;

namespace HaKube.NetLab;

/// <summary>Waits on a condition with a bound; the lab's replacement for fixed sleeps.</summary>
public static class Wait
{
    /// <summary>Polls <paramref name="condition"/> (every 10 ms, backing off to 100 ms) until it holds or <paramref name="bound"/> passes.</summary>
    /// <exception cref="TimeoutException">The condition did not hold within the bound; the message names <paramref name="what"/>.</exception>
    public static async Task UntilAsync(Func<CancellationToken, Task<bool>> condition, TimeSpan bound, string what, CancellationToken ct = default)
    {
        var clock = Stopwatch.StartNew();
        var pause = TimeSpan.FromMilliseconds(10);
        while (true)
        {
            if (await condition(ct))
            {
                return;
            }

            if (clock.Elapsed >= bound)
            {
                throw new TimeoutException($"timed out after {bound.TotalSeconds:0.###} s waiting for {what}");
            }

            await Task.Delay(pause, ct);
            pause = TimeSpan.FromMilliseconds(Math.Min(100, pause.TotalMilliseconds * 1.5));
        }
    }

    /// <summary>Synchronous-condition overload of <see cref="UntilAsync(Func{CancellationToken, Task{bool}}, TimeSpan, string, CancellationToken)"/>.</summary>
    public static Task UntilAsync(Func<bool> condition, TimeSpan bound, string what, CancellationToken ct = default)
        => UntilAsync(_ => Task.FromResult(condition()), bound, what, ct);
}
