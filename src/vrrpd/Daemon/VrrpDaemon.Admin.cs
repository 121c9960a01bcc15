using HaKube.Common.Admin;
using HaKube.Common.Daemon;
using HaKube.Vrrpd.Daemon.Admin;

namespace HaKube.Vrrpd.Daemon;

internal sealed partial class VrrpDaemon
{
    private static readonly TimeSpan StatusBound = TimeSpan.FromSeconds(3);

    /// <summary>The admin socket: status, maint, reload.</summary>
    private AdminServer StartAdmin(RunDirectory runDirectory, DaemonSignals signals)
    {
        var server = new AdminServer(new AdminServerOptions { SocketPath = runDirectory.AdminSocketPath, DaemonName = "vrrpd" }, _loggers.CreateLogger("vrrpd.admin"));
        server.Map(AdminCommands.Status, VrrpdAdminJsonContext.Default.DaemonStatus, async ct => await GetStatusAsync(ct));
        server.Map(AdminCommands.Maintenance, VrrpdAdminJsonContext.Default.MaintenanceRequest, VrrpdAdminJsonContext.Default.MaintenanceReply,
            async (request, ct) => await SetMaintenanceAsync(request.On, ct));
        server.Map(AdminCommands.Reload, VrrpdAdminJsonContext.Default.MaintenanceReply, ct =>
        {
            signals.RequestReload("admin");
            return ValueTask.FromResult(new MaintenanceReply(_maintenance, new Dictionary<string, string>()));
        });
        server.Start();
        return server;
    }

    private async Task<DaemonStatus> GetStatusAsync(CancellationToken ct)
    {
        var instances = Volatile.Read(ref _instanceList);
        var statuses = await Task.WhenAll(instances.Select(i => i.GetStatusAsync().WaitAsync(StatusBound, ct)));
        return new DaemonStatus
        {
            Pid = Environment.ProcessId,
            RouterId = _options.Global.RouterId,
            ConfigPath = Path.GetFullPath(_run.ConfigPath),
            StartedAt = _startedAt,
            Maintenance = _maintenance,
            Instances = statuses,
        };
    }

    private async Task<MaintenanceReply> SetMaintenanceAsync(bool on, CancellationToken ct)
    {
        _maintenance = on;
        var instances = Volatile.Read(ref _instanceList);
        await Task.WhenAll(instances.Select(i => i.SetMaintenanceAsync(on))).WaitAsync(StatusBound, ct);
        Log.MaintenanceSwitched(_logger, on);
        SendStatus();
        return new MaintenanceReply(on, instances.ToDictionary(i => i.Name, i => i.State.ToString(), StringComparer.Ordinal));
    }
}
