using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using System.Text.Json;
using HaKube.Common.Configuration;
using HaKube.Common.Configuration.Json;

namespace HaKube.Tcplb.Configuration.Native;

/// <summary>
/// Reads tcplb's native JSON (docs/tcplb-config.md) into <see cref="TcplbOptions"/>: the document is first walked
/// against the source-generated schema (unknown properties, wrong types, each property's line), then bound, then
/// mapped with the native format's defaults. Range checks are left to the validator.
/// </summary>
internal sealed partial class NativeConfigReader
{
    private readonly string _file;
    private readonly DiagnosticBag _diagnostics;
    private readonly Dictionary<string, int> _lines;

    private NativeConfigReader(string file, DiagnosticBag diagnostics, Dictionary<string, int> lines)
    {
        _file = file;
        _diagnostics = diagnostics;
        _lines = lines;
    }

    public static TcplbOptions? Read(string text, string file, DiagnosticBag diagnostics)
    {
        var utf8 = Encoding.UTF8.GetBytes(text.TrimStart('\uFEFF'));
        var context = NativeJsonContext.Default;

        // Property path ("ReverseProxy.Clusters.k.Destinations.d.Address") → line, case-insensitive as the binding is.
        var lines = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var walk = new JsonWalkOptions { SettingFound = (path, line) => lines[path] = line, WarnDuplicateProperties = true };
        if (!JsonConfigWalker.Walk(utf8, context.NativeConfigJson, file, diagnostics, walk))
        {
            return null;
        }

        NativeConfigJson? root;
        try
        {
            root = JsonSerializer.Deserialize(utf8, context.NativeConfigJson);
        }
        catch (JsonException e)
        {
            diagnostics.Error(file, (int)(e.LineNumber ?? 0) + 1, e.Path ?? "", $"cannot read this value: {e.Message}");
            return null;
        }

        if (root is null)
        {
            diagnostics.Error(file, 1, "", "the document is null: write an object with Global, Frontends and ReverseProxy");
            return null;
        }

        return new NativeConfigReader(file, diagnostics, lines).Map(root);
    }

    private TcplbOptions Map(NativeConfigJson root)
    {
        var global = root.Global ?? new GlobalJson();
        var globalFields = new Dictionary<string, FieldSource>();
        Track(globalFields, nameof(GlobalOptions.MaxConn), "Global.MaxConn");
        Track(globalFields, nameof(GlobalOptions.PidFile), "Global.PidFile");
        Track(globalFields, nameof(GlobalOptions.Logs), "Global.Logs");
        var logs = LogTargets(global.Logs);
        Track(globalFields, nameof(GlobalOptions.LogHeader), global.LogTag is not null ? "Global.LogTag" : "Global.LogSendHostname");
        var header = Header(global);
        var frontends = ImmutableArray.CreateBuilder<FrontendOptions>();
        foreach (var (name, frontend) in root.Frontends ?? [])
        {
            frontends.Add(MapFrontend(name, frontend, $"Frontends.{name}") with { LogTargets = logs, LogHeader = header });
        }

        var backends = ImmutableArray.CreateBuilder<BackendOptions>();
        foreach (var (name, cluster) in root.ReverseProxy?.Clusters ?? [])
        {
            backends.Add(MapBackend(name, cluster, $"ReverseProxy.Clusters.{name}") with { LogTargets = logs, LogHeader = header });
        }

        return new TcplbOptions
        {
            Format = ConfigFormat.Native,
            File = _file,
            Global = new GlobalOptions
            {
                MaxConn = global.MaxConn,
                Logs = logs,
                LogHeader = header,
                LogLevel = LogLevel(global.LogLevel, "Global.LogLevel"),
                PidFile = global.PidFile,
                Source = Source("Global", globalFields),
            },
            Frontends = frontends.ToImmutable(),
            Backends = backends.ToImmutable(),
        };
    }

    private FrontendOptions MapFrontend(string name, FrontendJson json, string path)
    {
        var fields = new Dictionary<string, FieldSource>();
        var binds = ImmutableArray.CreateBuilder<BindOptions>();
        var texts = json.Bind ?? [$"*:{OptionDefaults.ApiServerPort}"];
        for (var i = 0; i < texts.Count; i++)
        {
            var bindPath = json.Bind is null ? path : $"{path}.Bind[{i}]";
            if (!AddressParser.TryParse(texts[i], wildcardAllowed: true, out var hostPort, out var error) || hostPort.Port is null)
            {
                Error(bindPath, hostPort.Port is null && error.Length == 0 ? $"'{texts[i]}' has no port: write address:port (e.g. *:6443)" : error);
                continue;
            }

            binds.Add(new BindOptions { Address = hostPort.Ip, Port = hostPort.Port.Value, FreeBind = json.FreeBind ?? false, V6Only = json.V6Only ?? false, Text = texts[i] });
            Track(fields, $"Binds[{binds.Count - 1}]", bindPath);
        }

        Track(fields, nameof(FrontendOptions.MaxConn), $"{path}.MaxConn");
        Track(fields, nameof(FrontendOptions.DefaultBackend), $"{path}.DefaultBackend");
        Track(fields, "Timeouts.Client", $"{path}.Timeouts.Client");
        Track(fields, "Timeouts.ClientFin", $"{path}.Timeouts.ClientFin");
        return new FrontendOptions
        {
            Name = name,
            Binds = binds.ToImmutable(),
            MaxConn = json.MaxConn,
            DefaultBackend = json.DefaultBackend,
            Timeouts = new FrontendTimeouts
            {
                Client = Time(json.Timeouts?.Client, $"{path}.Timeouts.Client") ?? OptionDefaults.NativeClient,
                ClientFin = Time(json.Timeouts?.ClientFin, $"{path}.Timeouts.ClientFin") ?? OptionDefaults.NativeClientFin,
            },
            LogConnections = json.LogConnections ?? true,
            DontLogNull = json.DontLogNull ?? false,
            Source = Source(path, fields),
        };
    }

    /// <summary>Global.LogTag and Global.LogSendHostname: who every log line says it is from.</summary>
    private LogHeader Header(GlobalJson global)
    {
        var tag = global.LogTag ?? LogHeader.DefaultTag;
        if (tag.Length == 0 || tag.Any(char.IsWhiteSpace))
        {
            Error("Global.LogTag", $"'{tag}' is not a log tag: one word, not empty (\"tcplb\" when absent)");
            tag = LogHeader.DefaultTag;
        }

        var host = global.LogSendHostname;
        if (host is not null && host.Any(char.IsWhiteSpace))
        {
            Error("Global.LogSendHostname", $"'{host}' is not a host name: one word, or \"\" for this machine's name");
            host = null;
        }

        return new LogHeader(tag, host is null ? null : host.Length == 0 ? Environment.MachineName : host);
    }

    /// <summary>Global.Logs: each string read as the words of an haproxy.cfg 'log' line; every frontend and backend uses them.</summary>
    private ImmutableArray<LogTargetOptions> LogTargets(List<string>? texts)
    {
        var targets = ImmutableArray.CreateBuilder<LogTargetOptions>();
        for (var i = 0; i < (texts?.Count ?? 0); i++)
        {
            var path = $"Global.Logs[{i}]";
            var words = texts![i].Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (LogTargetParser.Parse(words, (_, message) => Error(path, message), (_, message) => Warning(path, message)) is { } target)
            {
                targets.Add(target);
            }
        }

        return targets.ToImmutable();
    }

    private ConfigSource Source(string path, Dictionary<string, FieldSource> fields)
        => new(_file, LineOf(path), fields.ToImmutableDictionary());

    private int LineOf(string path) => _lines.TryGetValue(path, out var line) ? line : 0;

    private void Track(Dictionary<string, FieldSource> fields, string property, string path)
    {
        if (_lines.TryGetValue(path, out var line))
        {
            fields[property] = new FieldSource(line, path);
        }
    }

    private void Error(string path, string message) => _diagnostics.Error(_file, LineOf(path), path, message);

    private void Warning(string path, string message) => _diagnostics.Warning(_file, LineOf(path), path, message);

    /// <summary>HAProxy time syntax ("50s", "5000" = ms) or a .NET TimeSpan ("00:00:10", as YARP writes its intervals); null when absent or wrong.</summary>
    private TimeSpan? Time(string? text, string path)
    {
        if (text is null)
        {
            return null;
        }

        if (text.Contains(':', StringComparison.Ordinal))
        {
            if (TimeSpan.TryParseExact(text, "c", CultureInfo.InvariantCulture, out var span) && span >= TimeSpan.Zero)
            {
                return span;
            }

            Error(path, $"'{text}' is not a time: write HAProxy syntax (50s, 5000 = ms, 1h) or a TimeSpan such as 00:00:10");
            return null;
        }

        if (!HaproxyTime.TryParse(text, out var value, out var error, out var trailing))
        {
            Error(path, error);
            return null;
        }

        if (trailing.Length > 0)
        {
            Error(path, $"'{text}': one number and one unit only (us, ms, s, m, h, d); '{trailing}' is not allowed");
            return null;
        }

        return value;
    }

    private SyslogLevel LogLevel(string? text, string path)
    {
        if (text is null)
        {
            return SyslogLevel.Info;
        }

        if (Enum.TryParse<SyslogLevel>(text, ignoreCase: true, out var level) && !char.IsAsciiDigit(text[0]))
        {
            return level;
        }

        Error(path, $"'{text}' is not a log level: use emerg, alert, crit, err, warning, notice, info or debug");
        return SyslogLevel.Info;
    }
}
