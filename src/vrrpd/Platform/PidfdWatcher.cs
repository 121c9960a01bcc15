using System.Runtime.InteropServices;
using HaKube.Vrrpd.Interop;
using Tmds.Linux;

namespace HaKube.Vrrpd.Platform;

/// <summary>
/// Completes a task when a process exits, for any number of processes, with one thread blocked in
/// epoll_wait on their pidfds: a pidfd turns readable the moment its process exits (zombie or not), so
/// there is no polling and no dependence on who reaps it.
/// </summary>
internal sealed class PidfdWatcher : IDisposable
{
    private const ulong StopToken = ulong.MaxValue;
    private readonly int _epoll;
    private readonly int _wake;
    private readonly Thread _thread;
    private readonly Lock _gate = new();
    private readonly Dictionary<ulong, Registration> _waits = [];
    private ulong _next;
    private bool _disposed;

    public unsafe PidfdWatcher()
    {
        _epoll = LibC.epoll_create1(LibC.EPOLL_CLOEXEC);
        if (_epoll < 0)
        {
            throw PlatformException.FromLastError("creating an epoll instance for process tracking");
        }

        _wake = LibC.eventfd(0, LibC.EFD_CLOEXEC | LibC.EFD_NONBLOCK);
        if (_wake < 0)
        {
            var e = PlatformException.FromLastError("creating an eventfd for process tracking");
            _ = LibC.close(_epoll);
            throw e;
        }

        var ev = new epoll_event { events = LibC.EPOLLIN };
        ev.data.u64 = StopToken;
        if (LibC.epoll_ctl(_epoll, LibC.EPOLL_CTL_ADD, _wake, &ev) != 0)
        {
            var e = PlatformException.FromLastError("registering the process tracker's eventfd");
            _ = LibC.close(_wake);
            _ = LibC.close(_epoll);
            throw e;
        }

        _thread = new Thread(Run) { IsBackground = true, Name = "pidfd watcher" };
        _thread.Start();
    }

    /// <summary>Completes when the process behind <paramref name="pidfd"/> has exited; cancellable.</summary>
    public unsafe Task WaitForExitAsync(SafePidfdHandle pidfd, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(pidfd);
        if (ct.IsCancellationRequested)
        {
            return Task.FromCanceled(ct);
        }

        var registration = new Registration(pidfd);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var token = _next++;
            var added = false;
            pidfd.DangerousAddRef(ref added);
            var ev = new epoll_event { events = LibC.EPOLLIN };
            ev.data.u64 = token;
            if (LibC.epoll_ctl(_epoll, LibC.EPOLL_CTL_ADD, (int)pidfd.DangerousGetHandle(), &ev) != 0)
            {
                var e = PlatformException.FromLastError("watching a pidfd");
                pidfd.DangerousRelease();
                throw e;
            }

            registration.Token = token;
            _waits[token] = registration;
        }

        if (ct.CanBeCanceled)
        {
            registration.Cancellation = ct.Register(() => Complete(registration.Token, ct));
        }

        return registration.Completion.Task;
    }

    public unsafe void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
        }

        ulong one = 1;
        _ = LibC.write(_wake, &one, sizeof(ulong));
        _thread.Join();
        foreach (var token in _waits.Keys.ToList())
        {
            Complete(token, new CancellationToken(canceled: true));
        }

        _ = LibC.close(_wake);
        _ = LibC.close(_epoll);
    }

    private unsafe void Run()
    {
        const int MaxEvents = 16;
        var events = stackalloc epoll_event[MaxEvents];
        while (true)
        {
            var n = LibC.epoll_wait(_epoll, events, MaxEvents, -1);
            if (n < 0)
            {
                if (Marshal.GetLastPInvokeError() == Errno.EINTR)
                {
                    continue;
                }

                // Nothing to recover here; fail every waiter so nobody waits forever.
                var error = PlatformException.FromLastError("waiting on pidfds");
                foreach (var token in SnapshotTokens())
                {
                    Complete(token, default, error);
                }

                return;
            }

            for (var i = 0; i < n; i++)
            {
                if (events[i].data.u64 == StopToken)
                {
                    return;
                }

                Complete(events[i].data.u64, default);
            }
        }
    }

    private List<ulong> SnapshotTokens()
    {
        lock (_gate)
        {
            return [.. _waits.Keys];
        }
    }

    private unsafe void Complete(ulong token, CancellationToken canceled, Exception? error = null)
    {
        Registration? registration;
        lock (_gate)
        {
            if (!_waits.Remove(token, out registration))
            {
                return;
            }

            _ = LibC.epoll_ctl(_epoll, LibC.EPOLL_CTL_DEL, (int)registration.Pidfd.DangerousGetHandle(), null);
            registration.Pidfd.DangerousRelease();
        }

        registration.Cancellation.Dispose();
        if (error is not null)
        {
            registration.Completion.TrySetException(error);
        }
        else if (canceled.IsCancellationRequested)
        {
            registration.Completion.TrySetCanceled(canceled);
        }
        else
        {
            registration.Completion.TrySetResult();
        }
    }

    private sealed class Registration(SafePidfdHandle pidfd)
    {
        public SafePidfdHandle Pidfd { get; } = pidfd;

        public TaskCompletionSource Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public ulong Token { get; set; }

        public CancellationTokenRegistration Cancellation { get; set; }
    }
}
