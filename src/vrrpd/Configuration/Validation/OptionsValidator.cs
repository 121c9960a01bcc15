using System.Globalization;
using System.Net;
using HaKube.Common.Configuration;

namespace HaKube.Vrrpd.Configuration.Validation;

/// <summary>
/// Checks a <see cref="VrrpdOptions"/> whichever reader produced it and reports every problem (not only
/// the first) with the file, line and field the <see cref="SourceMap"/> gives for it.
/// </summary>
internal sealed partial class OptionsValidator
{
    private readonly VrrpdOptions _options;
    private readonly SourceMap _map;
    private readonly DiagnosticBag _diagnostics;
    private readonly IReadOnlySet<IPAddress>? _hostAddresses;

    private OptionsValidator(VrrpdOptions options, SourceMap map, DiagnosticBag diagnostics, IReadOnlySet<IPAddress>? hostAddresses)
    {
        _options = options;
        _map = map;
        _diagnostics = diagnostics;
        _hostAddresses = hostAddresses;
    }

    /// <summary>Adds every problem of <paramref name="options"/> to <paramref name="diagnostics"/>.</summary>
    /// <param name="options">The options to check.</param>
    /// <param name="map">Where each setting was written, for file, line and field.</param>
    /// <param name="diagnostics">Receives the findings.</param>
    /// <param name="hostAddresses">This host's addresses, when known, to tell the address owner (priority 255); null: judge from unicast_src_ip.</param>
    public static void Validate(VrrpdOptions options, SourceMap map, DiagnosticBag diagnostics, IReadOnlySet<IPAddress>? hostAddresses = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(map);
        ArgumentNullException.ThrowIfNull(diagnostics);
        var validator = new OptionsValidator(options, map, diagnostics, hostAddresses);
        validator.CheckGlobal(options.Global);
        validator.CheckTrackers();
        validator.CheckInstances();
        validator.CheckSyncGroups();
        validator.CheckUnusedTrackers();
    }

    private void CheckGlobal(GlobalOptions global)
    {
        Range("global.vrrpVersion", global.VrrpVersion, OptionRanges.Version);
        CheckGarp("global.garp", global.Garp);
        if (global.MetricsListen is { } listen && (!IPEndPoint.TryParse(listen, out var endpoint) || endpoint.Port == 0))
        {
            Error("global.metricsListen", $"'{listen}' is not ADDRESS:PORT with a port 1..65535 (e.g. {GlobalOptions.DefaultMetricsListen}); null turns metrics off");
        }

        if (!Path.IsPathRooted(global.RunDirectory))
        {
            Error("global.runDirectory", $"'{global.RunDirectory}' must be an absolute path (default {GlobalOptions.DefaultRunDirectory})");
        }

        if (global.ScriptUser is { Length: 0 })
        {
            Error("global.scriptUser", "must not be empty; omit it to use the default user");
        }
    }

    private void CheckGarp(string path, GarpOptions garp)
    {
        Range(ConfigPath.Field(path, "masterDelay"), garp.MasterDelay, OptionRanges.GarpSeconds);
        Range(ConfigPath.Field(path, "masterRepeat"), garp.MasterRepeat, OptionRanges.GarpRepeat);
        Range(ConfigPath.Field(path, "masterRefresh"), garp.MasterRefresh, OptionRanges.GarpSeconds);
        Range(ConfigPath.Field(path, "masterRefreshRepeat"), garp.MasterRefreshRepeat, OptionRanges.GarpRepeat);
        Range(ConfigPath.Field(path, "interval"), garp.Interval, OptionRanges.GarpInterval);
        Range(ConfigPath.Field(path, "gnaInterval"), garp.GnaInterval, OptionRanges.GarpInterval);
    }

    private void CheckNotify(string path, NotifyOptions notify)
    {
        Check(ConfigPath.Field(path, "master"), notify.Master);
        Check(ConfigPath.Field(path, "backup"), notify.Backup);
        Check(ConfigPath.Field(path, "fault"), notify.Fault);
        Check(ConfigPath.Field(path, "stop"), notify.Stop);
        Check(ConfigPath.Field(path, "generic"), notify.Generic);

        void Check(string scriptPath, NotifyScript? script)
        {
            if (script is null)
            {
                return;
            }

            if (script.Command.Count == 0 || script.Command[0].Length == 0)
            {
                Error(scriptPath, "the script is empty; give an absolute program path and its arguments");
            }
            else if (!script.Command[0].StartsWith('/'))
            {
                Error(scriptPath, $"'{script.Command[0]}' must be an absolute path (notify scripts are not looked up in PATH)");
            }
        }
    }

    /// <summary>Reports duplicate names in a list of definitions; returns the names, for reference checks.</summary>
    private HashSet<string> UniqueNames(string list, IEnumerable<string> names, string what)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var i = 0;
        foreach (var name in names)
        {
            var path = ConfigPath.Item(list, i++);
            if (name.Length == 0)
            {
                Error(path, $"{what} has no name");
            }
            else if (!seen.Add(name))
            {
                Error(path, $"{what} '{name}' is defined twice; names must be unique");
            }
        }

        return seen;
    }

    private void Range(string path, decimal value, ValueRange range, string? context = null)
    {
        if (!range.Contains(value))
        {
            Error(path, $"{Prefix(context)}{value.ToString(CultureInfo.InvariantCulture)} is out of range; allowed {range}");
        }
    }

    private static string Prefix(string? context) => context is null ? "" : $"{context}: ";

    private void Error(string path, string message)
    {
        var at = _map.Locate(path);
        _diagnostics.Error(at.File, at.Line, at.Field, message);
    }

    private void Warning(string path, string message)
    {
        var at = _map.Locate(path);
        _diagnostics.Warning(at.File, at.Line, at.Field, message);
    }
}
