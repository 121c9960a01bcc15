using System.Diagnostics;
using System.Runtime.InteropServices;
using Tmds.Linux;

namespace HaKube.NetLab;

/// <summary>
/// A program running inside a lab host, in a session and process group of its own (so stopping it ends
/// its children too). Its output is captured line by line; it is stopped by PID, never by name.
/// </summary>
public sealed class LabProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly List<OutputLine> _lines = [];
    private readonly Lock _gate = new();
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Task _stdout;
    private readonly Task _stderr;
    private int _disposed;
    private int? _exitCode;

    internal LabProcess(Process process, string host, string commandLine)
    {
        _process = process;
        Host = host;
        CommandLine = commandLine;
        Pid = process.Id;
        _stdout = PumpAsync(process.StandardOutput, isError: false);
        _stderr = PumpAsync(process.StandardError, isError: true);
    }

    /// <summary>The PID of the program itself (nsenter and setsid exec it, they do not fork).</summary>
    public int Pid { get; }

    /// <summary>The lab host it runs on.</summary>
    public string Host { get; }

    /// <summary>What was started, quoted as a shell would need it.</summary>
    public string CommandLine { get; }

    /// <summary>True once the program has exited (or is a zombie).</summary>
    public bool HasExited => Volatile.Read(ref _disposed) == 2 || _process.HasExited || !ProcFs.IsRunning(Pid);

    /// <summary>The exit code, once it has exited and been reaped.</summary>
    public int? ExitCode => Volatile.Read(ref _disposed) == 2 ? _exitCode : _process.HasExited ? _process.ExitCode : null;

    /// <summary>A snapshot of everything it printed so far, stdout and stderr interleaved in arrival order.</summary>
    public IReadOnlyList<OutputLine> Output
    {
        get
        {
            lock (_gate)
            {
                return [.. _lines];
            }
        }
    }

    /// <summary>Everything it printed so far as one string.</summary>
    public string OutputText => string.Join('\n', Output.Select(l => l.Text));

    /// <summary>Waits until a line satisfies <paramref name="match"/> and returns it.</summary>
    /// <exception cref="TimeoutException">No such line within <paramref name="bound"/>, or the process exited first; the output so far is in the message.</exception>
    public async Task<string> WaitForOutputAsync(Func<string, bool> match, TimeSpan bound, CancellationToken ct = default)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        cts.CancelAfter(bound);
        var seen = 0;
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                for (; seen < _lines.Count; seen++)
                {
                    if (match(_lines[seen].Text))
                    {
                        return _lines[seen].Text;
                    }
                }

                changed = _changed.Task;
            }

            if (_stdout.IsCompleted && _stderr.IsCompleted)
            {
                throw new TimeoutException($"{Describe()} exited without printing the expected line; output:\n{Tail()}");
            }

            try
            {
                await changed.WaitAsync(cts.Token);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                throw new TimeoutException($"{Describe()} printed no expected line within {bound.TotalSeconds:0.#} s; output:\n{Tail()}");
            }
        }
    }

    /// <summary>Waits for the program to exit, up to <paramref name="bound"/>; returns its exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan bound, CancellationToken ct = default)
    {
        if (Volatile.Read(ref _disposed) == 2)
        {
            return _exitCode ?? -1;
        }

        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        cts.CancelAfter(bound);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new TimeoutException($"{Describe()} did not exit within {bound.TotalSeconds:0.#} s");
        }

        return _process.ExitCode;
    }

    /// <summary>Sends <paramref name="signal"/> to the program alone (not its process group), e.g. SIGKILL to simulate a crash.</summary>
    public void Signal(int signal)
    {
        if (LibC.kill(Pid, signal) != 0 && ProcFs.IsRunning(Pid))
        {
            throw new LabException($"kill({Pid}, {signal}) failed with errno {Marshal.GetLastPInvokeError()}");
        }
    }

    /// <summary>Sends SIGTERM to the process group, then SIGKILL after <paramref name="grace"/>; returns once it has exited.</summary>
    public async Task StopAsync(TimeSpan? grace = null)
    {
        if (Volatile.Read(ref _disposed) == 2 || _process.HasExited)
        {
            return;
        }

        _ = LibC.killpg(Pid, LibC.SIGTERM);
        try
        {
            await WaitForExitAsync(grace ?? TimeSpan.FromSeconds(5));
        }
        catch (TimeoutException)
        {
            _ = LibC.killpg(Pid, LibC.SIGKILL);
            await WaitForExitAsync(TimeSpan.FromSeconds(10));
        }
    }

    /// <summary>Kills the whole process group at once and waits for the exit.</summary>
    public async Task KillAsync()
    {
        if (Volatile.Read(ref _disposed) != 2 && !_process.HasExited)
        {
            _ = LibC.killpg(Pid, LibC.SIGKILL);
            await WaitForExitAsync(TimeSpan.FromSeconds(10));
        }
    }

    public async ValueTask DisposeAsync()
    {
        // Idempotent: a lab disposes every process it started, including ones a caller disposed already.
        if (Interlocked.CompareExchange(ref _disposed, 1, 0) != 0)
        {
            return;
        }

        await StopAsync(TimeSpan.FromSeconds(2));
        await Task.WhenAll(_stdout, _stderr).WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _exitCode = _process.HasExited ? _process.ExitCode : null;
        Volatile.Write(ref _disposed, 2);
        _process.Dispose();
    }

    private async Task PumpAsync(StreamReader reader, bool isError)
    {
        while (await reader.ReadLineAsync() is { } line)
        {
            lock (_gate)
            {
                _lines.Add(new OutputLine(DateTimeOffset.UtcNow, isError, line));
                _changed.TrySetResult();
                _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }

        lock (_gate)
        {
            _changed.TrySetResult();
        }
    }

    private string Describe() => $"'{CommandLine}' (pid {Pid}) on {Host}";

    private string Tail()
    {
        var lines = Output;
        return string.Join('\n', lines.Skip(Math.Max(0, lines.Count - 40)).Select(l => l.Text));
    }
}
