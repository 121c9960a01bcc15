using HaKube.Common.Admin;
using HaKube.Common.Daemon;

namespace HaKube.Tcplb.Runtime;

/// <summary>The admin socket: status, server controls, reload, and the readiness topic.</summary>
internal sealed partial class TcplbDaemon
{
    private AdminTopic<ReadinessEvent>? _readiness;

    private AdminServer CreateAdminServer(RunDirectory run)
    {
        var admin = new AdminServer(new AdminServerOptions { SocketPath = run.AdminSocketPath, DaemonName = "tcplb" }, _adminLogger);
        admin.Map("status", TcplbJsonContext.Default.StatusReport, _ => ValueTask.FromResult(Status()));
        admin.Map("server", TcplbJsonContext.Default.ServerCommandArgs, TcplbJsonContext.Default.ServerCommandResult, (args, _) => ValueTask.FromResult(SetServerState(args)));
        admin.Map("reload", TcplbJsonContext.Default.ReloadResult, _ => new ValueTask<ReloadResult>(ReloadAsync("admin")));
        _readiness = admin.AddTopic("readiness", TcplbJsonContext.Default.ReadinessEvent);
        return admin;
    }

    private StatusReport Status()
    {
        var model = _model;
        var engine = _engine!;
        return new StatusReport
        {
            Pid = Environment.ProcessId,
            ConfigFile = _options.ConfigPath,
            Format = model.Options.Format == Configuration.ConfigFormat.Native ? "native" : "haproxy",
            StartedAt = _startedAt,
            ReloadedAt = _reloadedAt,
            Listening = Listening(),
            ActiveConnections = engine.ActiveConnections,
            MaxConn = engine.MaxConn,
            Frontends = FrontendStatuses(),
            Backends = [.. model.Backends.Select(b => WithChecks(b.Status()))],
            Logs =
            [
                .. _logs.Sinks.Select(s => new LogTargetStatus
                {
                    Target = s.Name,
                    Available = s.Available,
                    Sent = s.Sent,
                    Dropped = s.Dropped,
                    Failed = s.Failed,
                    LastError = s.LastError,
                }),
            ],
            LogDropped = _logs.Dropped,
            LogFailed = _logs.Failed,
            Memory = MemoryStatus.Current(),
        };
    }

    /// <summary>Each frontend's listening addresses, live connections and maxconn.</summary>
    private List<FrontendStatus> FrontendStatuses()
    {
        var engine = _engine!;
        return
        [
            .. _model.Options.Frontends.Select(f =>
            {
                var slots = engine.FrontendSlots(f.Name);
                return new FrontendStatus
                {
                    Name = f.Name,
                    Backend = f.DefaultBackend,
                    Listen = [.. engine.LocalEndPoints(f.Name).Select(e => e.ToString())],
                    Active = slots.Count,
                    MaxActive = slots.Max,
                    MaxConn = slots.Limit,
                };
            }),
        ];
    }

    /// <summary>Adds what only the checks know (HAProxy's check_status, check_code, check_duration, last_chk) to the backend's status.</summary>
    private BackendStatus WithChecks(BackendStatus backend)
    {
        if (_checks is not { } checks)
        {
            return backend;
        }

        var servers = new List<ServerStatusInfo>(backend.Servers.Count);
        for (var i = 0; i < backend.Servers.Count; i++)
        {
            servers.Add(backend.Servers[i].WithCheck(checks.LastCheck(backend.Name, i)));
        }

        return backend with { Servers = servers };
    }

    /// <summary>HAProxy's "set server BACKEND/SERVER state ready|drain|maint" (and enable/disable server).</summary>
    private ServerCommandResult SetServerState(ServerCommandArgs args)
    {
        var state = args.Action switch
        {
            "drain" => AdminState.Drain,
            "disable" or "maint" => AdminState.Maint,
            "enable" or "ready" => AdminState.Ready,
            _ => throw new AdminCommandException($"unknown server action '{args.Action}': use drain, disable or enable"),
        };
        var backend = _model.Backend(args.Backend)
            ?? throw new AdminCommandException($"no backend '{args.Backend}' (backends: {string.Join(", ", _model.Backends.Select(b => b.Name))})");
        if (!backend.SetAdminState(args.Server, state, out var previous))
        {
            throw new AdminCommandException($"backend '{backend.Name}' has no server '{args.Server}' (servers: {string.Join(", ", backend.Servers.Select(s => s.Name))})");
        }

        return new ServerCommandResult(backend.Name, args.Server, previous.ToString().ToLowerInvariant(), state.ToString().ToLowerInvariant());
    }

    /// <summary>Every frontend of the running configuration is bound and accepting.</summary>
    private bool Listening()
        => _serving && _engine is { } engine && _model.Frontends.All(f => engine.LocalEndPoints(f.Name).Count > 0);
}
