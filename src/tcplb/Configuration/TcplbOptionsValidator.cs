using HaKube.Common.Configuration;

namespace HaKube.Tcplb.Configuration;

/// <summary>
/// Checks a whole <see cref="TcplbOptions"/> and reports every problem, each at the line and under the name the file
/// used (through <see cref="ConfigSource"/>), whichever format it came from. Errors stop the daemon; warnings do not.
/// </summary>
internal sealed partial class TcplbOptionsValidator
{
    private readonly TcplbOptions _options;
    private readonly DiagnosticBag _diagnostics;

    private TcplbOptionsValidator(TcplbOptions options, DiagnosticBag diagnostics)
    {
        _options = options;
        _diagnostics = diagnostics;
    }

    public static void Validate(TcplbOptions options, DiagnosticBag diagnostics)
    {
        var validator = new TcplbOptionsValidator(options, diagnostics);
        validator.ValidateGlobal(options.Global);
        validator.ValidateFrontends();
        validator.ValidateBackends();
    }

    private void ValidateGlobal(GlobalOptions global)
    {
        if (global.MaxConn is < 1)
        {
            Error(global.Source, nameof(GlobalOptions.MaxConn), "maxconn", $"{global.MaxConn} is not allowed: maxconn is at least 1 (leave it out to derive it from the open-files limit)");
        }
    }

    private void ValidateFrontends()
    {
        if (_options.Frontends.IsEmpty)
        {
            _diagnostics.Error(_options.File, 0, "frontend", "no frontend: tcplb needs at least one frontend with a bind address to listen on");
        }

        var names = new Dictionary<string, FrontendOptions>(StringComparer.Ordinal);
        var binds = new Dictionary<(string, int), FrontendOptions>();
        foreach (var frontend in _options.Frontends)
        {
            var src = frontend.Source;
            if (!names.TryAdd(frontend.Name, frontend))
            {
                Error(src, nameof(FrontendOptions.Name), "frontend", $"frontend '{frontend.Name}' is defined twice (first at line {names[frontend.Name].Source.Line}); use distinct names");
            }

            if (frontend.Binds.IsEmpty)
            {
                Error(src, "Binds", "bind", $"frontend '{frontend.Name}' has no bind address: add one such as *:6443");
            }

            for (var i = 0; i < frontend.Binds.Length; i++)
            {
                var bind = frontend.Binds[i];
                var key = $"Binds[{i}]";
                if (bind.Port is < 1 or > 65535)
                {
                    Error(src, key, "bind", $"port {bind.Port} of '{bind.Text}' is out of range 1..65535");
                }

                if (bind.MaxConn is < 1)
                {
                    Error(src, key, "bind", $"maxconn {bind.MaxConn} of '{bind.Text}' is not allowed: at least 1");
                }

                var address = bind.Address?.ToString() ?? "*";
                if (!binds.TryAdd((address, bind.Port), frontend))
                {
                    Error(src, key, "bind", $"'{bind.Text}' is already bound by frontend '{binds[(address, bind.Port)].Name}'; each address:port can be bound once");
                }
            }

            if (frontend.MaxConn is < 1)
            {
                Error(src, nameof(FrontendOptions.MaxConn), "maxconn", $"{frontend.MaxConn} is not allowed: maxconn is at least 1 (leave it out to use the global limit)");
            }

            if (frontend.DefaultBackend is null)
            {
                Warning(src, nameof(FrontendOptions.DefaultBackend), "default_backend", $"frontend '{frontend.Name}' has no default_backend: its connections are closed at once");
            }
            else if (_options.FindBackend(frontend.DefaultBackend) is null)
            {
                var known = _options.Backends.IsEmpty ? "none is defined" : "defined: " + string.Join(", ", _options.Backends.Select(b => b.Name));
                Error(src, nameof(FrontendOptions.DefaultBackend), "default_backend", $"no backend named '{frontend.DefaultBackend}' ({known})");
            }

            ValidatePositive(src, "Timeouts.Client", "timeout client", frontend.Timeouts.Client);
            ValidatePositive(src, "Timeouts.ClientFin", "timeout client-fin", frontend.Timeouts.ClientFin);
        }
    }

    private void ValidatePositive(ConfigSource src, string key, string name, TimeSpan? value)
    {
        if (value is { } v && v != Timeout.InfiniteTimeSpan && v <= TimeSpan.Zero)
        {
            Error(src, key, name, $"{HaproxyTime.Format(v)} is not allowed: it must be greater than zero");
        }
    }

    private void Error(ConfigSource source, string property, string fallbackName, string message)
        => Add(Severity.Error, source, property, fallbackName, message);

    private void Warning(ConfigSource source, string property, string fallbackName, string message)
        => Add(Severity.Warning, source, property, fallbackName, message);

    private void Add(Severity severity, ConfigSource source, string property, string fallbackName, string message)
    {
        var field = source.Locate(property, fallbackName);
        var file = source.File.Length > 0 ? source.File : _options.File;
        _diagnostics.Add(new Diagnostic(severity, file, field.Line, field.Name, message));
    }
}
