using System.Runtime.InteropServices;
using System.Threading.Channels;

namespace HaKube.Common.Daemon;

/// <summary>
/// SIGTERM/SIGINT become a graceful stop (<see cref="Stopping"/> plus <see cref="StopReason"/>), SIGHUP a reload
/// request (<see cref="Reloads"/>). The default action of these signals is cancelled, so the process lives until the
/// daemon's own shutdown returns from Main (giving vrrpd time to send priority 0 and remove its addresses).
/// </summary>
public sealed class DaemonSignals : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Channel<ReloadRequest> _reloads = Channel.CreateBounded<ReloadRequest>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.Wait, SingleReader = true });

    private readonly PosixSignalRegistration[] _registrations;
    private string? _stopReason;

    /// <summary>Registers the handlers; dispose to restore the default signal handling.</summary>
    public DaemonSignals()
    {
        _registrations =
        [
            PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal),
            PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal),
            PosixSignalRegistration.Create(PosixSignal.SIGHUP, OnSignal),
        ];
    }

    /// <summary>Cancelled when a stop was asked for (signal or <see cref="RequestStop"/>).</summary>
    public CancellationToken Stopping => _stop.Token;

    /// <summary>Why the daemon stops ("SIGTERM", "SIGINT", or what <see cref="RequestStop"/> was given); null while running.</summary>
    public string? StopReason => Volatile.Read(ref _stopReason);

    /// <summary>
    /// Reload requests (SIGHUP, or <see cref="RequestReload"/>). Requests that arrive while one is pending are merged
    /// into it: the reader re-reads the file once, which covers them all.
    /// </summary>
    public ChannelReader<ReloadRequest> Reloads => _reloads.Reader;

    /// <summary>Asks for a graceful stop; the first reason wins. False when a stop was already asked for.</summary>
    public bool RequestStop(string reason)
    {
        ArgumentNullException.ThrowIfNull(reason);
        if (Interlocked.CompareExchange(ref _stopReason, reason, null) is not null)
        {
            return false;
        }

        // Not Cancel(): that runs every registered callback on the signal-handling thread.
        _ = _stop.CancelAsync();
        return true;
    }

    /// <summary>Asks for a reload (the admin socket's "reload" command uses this too). False when one is already pending.</summary>
    public bool RequestReload(string source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return _reloads.Writer.TryWrite(new ReloadRequest(source));
    }

    /// <summary>Unregisters the handlers.</summary>
    public void Dispose()
    {
        foreach (var registration in _registrations)
        {
            registration.Dispose();
        }

        _reloads.Writer.TryComplete();
        _stop.Dispose();
    }

    internal void OnSignal(PosixSignalContext context)
    {
        // Always cancel the default action: a second SIGTERM while stopping must not cut the shutdown short
        // (systemd escalates to SIGKILL after TimeoutStopSec if the daemon really hangs).
        context.Cancel = true;
        switch (context.Signal)
        {
            case PosixSignal.SIGHUP:
                RequestReload("SIGHUP");
                break;
            case PosixSignal.SIGTERM:
                RequestStop("SIGTERM");
                break;
            case PosixSignal.SIGINT:
                RequestStop("SIGINT");
                break;
        }
    }
}
