namespace HaKube.Tcplb.Configuration;

internal sealed partial class TcplbOptionsValidator
{
    private void ValidateBackends()
    {
        var names = new Dictionary<string, BackendOptions>(StringComparer.Ordinal);
        foreach (var backend in _options.Backends)
        {
            var src = backend.Source;
            if (!names.TryAdd(backend.Name, backend))
            {
                Error(src, nameof(BackendOptions.Name), "backend", $"backend '{backend.Name}' is defined twice (first at line {names[backend.Name].Source.Line}); use distinct names");
            }

            if (backend.Servers.IsEmpty)
            {
                Warning(src, nameof(BackendOptions.Servers), "server", $"backend '{backend.Name}' has no server: its connections are closed at once");
            }
            else if (backend.Servers.Length > OptionDefaults.MaxServersPerBackend)
            {
                Error(src, nameof(BackendOptions.Servers), "server", $"backend '{backend.Name}' has {backend.Servers.Length} servers; tcplb allows at most {OptionDefaults.MaxServersPerBackend} per backend");
            }

            if (backend.Balance == BalanceAlgorithm.Random && backend.RandomDraws < 1)
            {
                Error(src, nameof(BackendOptions.RandomDraws), "balance", $"random({backend.RandomDraws}) is not allowed: draw at least 1 server");
            }

            if (backend.Retry.Retries < 0)
            {
                Error(src, "Retry.Retries", "retries", $"{backend.Retry.Retries} is not allowed: retries is 0 or more");
            }

            ValidatePositive(src, "Timeouts.Connect", "timeout connect", backend.Timeouts.Connect);
            ValidatePositive(src, "Timeouts.Server", "timeout server", backend.Timeouts.Server);
            ValidatePositive(src, "Timeouts.Tunnel", "timeout tunnel", backend.Timeouts.Tunnel);
            ValidatePositive(src, "Timeouts.ServerFin", "timeout server-fin", backend.Timeouts.ServerFin);
            ValidatePositive(src, "Timeouts.Queue", "timeout queue", backend.Timeouts.Queue);
            ValidatePositive(src, "Timeouts.Check", "timeout check", backend.Timeouts.Check);
            if (backend.HttpCheck is { } http)
            {
                ValidateHttpCheck(src, http);
            }

            var servers = new Dictionary<string, ServerOptions>(StringComparer.Ordinal);
            foreach (var server in backend.Servers)
            {
                if (!servers.TryAdd(server.Name, server))
                {
                    Error(server.Source, nameof(ServerOptions.Name), "server", $"backend '{backend.Name}' has another server named '{server.Name}' (line {servers[server.Name].Source.Line}); use distinct names");
                }

                ValidateServer(server, backend);
            }
        }
    }

    private void ValidateHttpCheck(ConfigSource src, HttpCheckOptions http)
    {
        if (!http.Path.StartsWith('/'))
        {
            Error(src, "HttpCheck.Path", "path", $"'{http.Path}' is not allowed: the check path starts with '/' (e.g. /readyz)");
        }

        if (http.Method.Length == 0 || !http.Method.All(char.IsAsciiLetterUpper))
        {
            Error(src, "HttpCheck.Method", "method", $"'{http.Method}' is not an HTTP method: write it in capitals, e.g. GET");
        }

        if (http.ExpectedStatuses.IsDefaultOrEmpty)
        {
            Error(src, "HttpCheck.ExpectedStatuses", "expect status", "no expected status: give at least one code or range, e.g. 200");
        }

        foreach (var range in http.ExpectedStatuses.IsDefault ? [] : http.ExpectedStatuses)
        {
            if (range.From < 100 || range.To > 599 || range.From > range.To)
            {
                Error(src, "HttpCheck.ExpectedStatuses", "expect status", $"'{range}' is not allowed: status codes are 100..599, ranges low-high");
            }
        }
    }

    private void ValidateServer(ServerOptions server, BackendOptions backend)
    {
        var src = server.Source;
        var who = $"server '{server.Name}'";
        if (server.Weight is < 0 or > 256)
        {
            Error(src, nameof(ServerOptions.Weight), "weight", $"{who}: weight {server.Weight} is out of range 0..256");
        }

        if (server.MaxConn < 0)
        {
            Error(src, nameof(ServerOptions.MaxConn), "maxconn", $"{who}: maxconn {server.MaxConn} is not allowed: 0 (unlimited) or more");
        }

        if (server.MaxQueue < 0)
        {
            Error(src, nameof(ServerOptions.MaxQueue), "maxqueue", $"{who}: maxqueue {server.MaxQueue} is not allowed: 0 (unlimited) or more");
        }
        else if (server.MaxQueue > 0 && server.MaxConn == 0)
        {
            Warning(src, nameof(ServerOptions.MaxQueue), "maxqueue", $"{who}: maxqueue has no effect without maxconn (connections queue only when a server is full)");
        }

        if (server.Address.Port is < 1 or > 65535)
        {
            Error(src, nameof(ServerOptions.Address), "address", $"{who}: port {server.Address.Port} is out of range 1..65535");
        }

        if (server.SessionCloseGrace.Delay < TimeSpan.Zero)
        {
            Error(src, nameof(ServerOptions.SessionCloseGrace), "session close grace", $"{who}: a negative grace is not allowed: 0 (at once), a time, or never");
        }

        var check = server.Check;
        if (!check.Enabled)
        {
            return;
        }

        if (check.Port is < 1 or > 65535)
        {
            Error(src, "Check.Port", "port", $"{who}: check port {check.Port} is out of range 1..65535");
        }

        if (check.Rise < 1)
        {
            Error(src, "Check.Rise", "rise", $"{who}: rise {check.Rise} is not allowed: at least 1 consecutive success brings a server up");
        }

        if (check.Fall < 1)
        {
            Error(src, "Check.Fall", "fall", $"{who}: fall {check.Fall} is not allowed: at least 1 consecutive failure takes a server down");
        }

        ValidateInterval(src, "Check.Inter", "inter", who, check.Inter);
        ValidateInterval(src, "Check.FastInter", "fastinter", who, check.FastInter);
        ValidateInterval(src, "Check.DownInter", "downinter", who, check.DownInter);
        if (check.Type is HealthCheckType.Tls or HealthCheckType.Https)
        {
            if (check.Tls.Verify == TlsVerify.Required && check.Tls.CaFile is null)
            {
                Error(src, "Check.Tls.Verify", "verify", $"{who}: the TLS check verifies the certificate but no CA file is given: set a CA file, or 'verify none' on a network you trust (HAProxy refuses this too)");
            }

            if (check.Tls.ClientKeyFile is not null && check.Tls.ClientCertificateFile is null)
            {
                Error(src, "Check.Tls.ClientKeyFile", "client key", $"{who}: a client key without a client certificate: give the certificate too");
            }
        }
        else if (check.Tls.CaFile is not null || check.Tls.ClientCertificateFile is not null)
        {
            Warning(src, "Check.Tls.CaFile", "ca-file", $"{who}: CA file and client certificate apply to TLS and HTTPS checks only; this {check.Type} check ignores them");
        }

        if (check.Type is HealthCheckType.Http or HealthCheckType.Https && backend.HttpCheck is null)
        {
            Error(src, "Check.Type", "check", $"{who}: an {check.Type} check needs the backend's HTTP check settings (method, path, statuses)");
        }
    }

    private void ValidateInterval(ConfigSource src, string key, string name, string who, TimeSpan? value)
    {
        if (value is { } v && (v <= TimeSpan.Zero || v == Timeout.InfiniteTimeSpan))
        {
            Error(src, key, name, $"{who}: {name} {HaproxyTime.Format(v)} is not allowed: it must be greater than zero");
        }
    }
}
