using System.Globalization;
using System.Net.Sockets;
using MsSystemd = Microsoft.Extensions.Hosting.Systemd;

namespace HaKube.Common.Systemd;

/// <summary>
/// Tells the service manager about the daemon's state (sd_notify(3)): READY, STATUS, RELOADING, STOPPING, WATCHDOG.
/// A no-op when $NOTIFY_SOCKET is unset.
/// </summary>
/// <remarks>
/// The datagrams go through Microsoft.Extensions.Hosting.Systemd's <see cref="MsSystemd.ISystemdNotifier"/>, which
/// already handles $NOTIFY_SOCKET (absolute and abstract '@' addresses, one SOCK_DGRAM send per message). With the
/// Generic Host, pass the host's notifier; note that its SystemdLifetime sends READY=1 and STOPPING=1 by itself.
/// This type adds what that package lacks: STATUS, reload and the watchdog (see <see cref="SystemdWatchdog"/>).
/// </remarks>
public sealed class SystemdNotifier
{
    private readonly MsSystemd.ISystemdNotifier _transport;

    /// <summary>Reads $NOTIFY_SOCKET now; later changes to the environment are not seen.</summary>
    public SystemdNotifier()
        : this(new MsSystemd.SystemdNotifier())
    {
    }

    /// <summary>Sends through the given notifier (the Generic Host's, or a fake in tests).</summary>
    public SystemdNotifier(MsSystemd.ISystemdNotifier transport)
    {
        ArgumentNullException.ThrowIfNull(transport);
        _transport = transport;
    }

    /// <summary>True when a service manager listens ($NOTIFY_SOCKET was set).</summary>
    public bool IsEnabled => _transport.IsEnabled;

    // Each method returns false when nothing was sent: no manager listens, or the send failed.

    /// <summary>READY=1: start-up (or a reload) finished; sockets are open. An optional STATUS line goes with it.</summary>
    public bool Ready(string? status = null) => Send("READY=1", status);

    /// <summary>
    /// RELOADING=1 with MONOTONIC_USEC (systemd 253+ needs it for Type=notify-reload); send <see cref="Ready"/> when the
    /// reload is done.
    /// </summary>
    public bool Reloading(string? status = null) =>
        Send("RELOADING=1\nMONOTONIC_USEC=" + MonotonicClock.NowMicroseconds().ToString(CultureInfo.InvariantCulture), status);

    /// <summary>STOPPING=1: the daemon began its shutdown.</summary>
    public bool Stopping(string? status = null) => Send("STOPPING=1", status);

    /// <summary>STATUS=...: a one-line, human-readable state shown by systemctl status.</summary>
    public bool Status(string status)
    {
        ArgumentNullException.ThrowIfNull(status);
        return Send(null, status);
    }

    /// <summary>WATCHDOG=1: keep-alive ping; <see cref="SystemdWatchdog"/> sends it on schedule.</summary>
    public bool Watchdog() => Send("WATCHDOG=1", null);

    // False when no service manager listens, or the send failed.
    private bool Send(string? state, string? status) => TrySend(state, status, out _);

    internal bool TrySend(string? state, string? status, out SocketException? error)
    {
        error = null;
        if (!_transport.IsEnabled)
        {
            return false;
        }

        // The protocol is newline-separated assignments: a status must not smuggle in a second one.
        var statusLine = status is null ? null : "STATUS=" + status.ReplaceLineEndings(" ");
        var message = (state, statusLine) switch
        {
            (null, null) => null,
            (null, _) => statusLine,
            (_, null) => state,
            _ => state + "\n" + statusLine,
        };
        if (message is null)
        {
            return false;
        }

        try
        {
            _transport.Notify(new MsSystemd.ServiceState(message));
            return true;
        }
        catch (SocketException e)
        {
            // The manager went away or refuses us (NotifyAccess=none): not a reason to stop serving.
            error = e;
            return false;
        }
    }
}
