using HaKube.Common.Configuration;

namespace HaKube.Vrrpd.Configuration.Keepalived;

/// <summary>
/// Reads a keepalived.conf into <see cref="VrrpdOptions"/>: the subset vrrpd implements (see
/// docs/vrrpd-config.md). Syntax and value-format problems are reported here with file:line; ranges and
/// cross-references are the validator's, through the returned <see cref="SourceMap"/>. Unknown keywords
/// are warnings and their blocks are skipped.
/// </summary>
internal sealed partial class KeepalivedReader
{
    private readonly DiagnosticBag _diagnostics;
    private readonly SourceMap _map;
    private GlobalOptions _global = new();
    private readonly List<TrackScriptOptions> _scripts = [];
    private readonly List<TrackProcessOptions> _processes = [];
    private readonly List<TrackFileOptions> _files = [];
    private readonly List<VrrpInstanceOptions> _instances = [];
    private readonly List<SyncGroupOptions> _syncGroups = [];

    /// <summary>Instance garp_* settings, applied over the global ones once the whole file is read.</summary>
    private readonly Dictionary<int, Func<GarpOptions, GarpOptions>> _garpOverrides = [];

    private KeepalivedReader(string file, DiagnosticBag diagnostics)
    {
        _diagnostics = diagnostics;
        _map = new SourceMap(file, KeepalivedFieldNames.For);
    }

    public static (VrrpdOptions Options, SourceMap Map) ReadFile(string path, DiagnosticBag diagnostics)
    {
        ArgumentNullException.ThrowIfNull(diagnostics);
        var lines = KeepalivedTokenizer.ReadFile(path, diagnostics);
        return Read(lines, Path.GetFullPath(path), diagnostics);
    }

    public static (VrrpdOptions Options, SourceMap Map) ReadText(string text, string file, DiagnosticBag diagnostics)
    {
        ArgumentNullException.ThrowIfNull(diagnostics);
        var lines = KeepalivedTokenizer.ReadText(text, file, diagnostics);
        return Read(lines, Path.GetFullPath(file), diagnostics);
    }

    private static (VrrpdOptions, SourceMap) Read(IReadOnlyList<IReadOnlyList<KeepalivedToken>> lines, string file, DiagnosticBag diagnostics)
    {
        var reader = new KeepalivedReader(file, diagnostics);
        foreach (var statement in KeepalivedSyntax.Parse(lines, diagnostics))
        {
            reader.ReadTopLevel(statement);
        }

        return (reader.Build(), reader._map);
    }

    private void ReadTopLevel(KeepalivedStatement s)
    {
        switch (s.Keyword.Text)
        {
            case "global_defs":
                if (RequireBlock(s, named: false))
                {
                    _map.Add("global", s.File, s.Line);
                    ReadGlobal(s.Block!);
                }

                break;
            case "vrrp_script":
                if (RequireBlock(s, named: true))
                {
                    ReadScript(s);
                }

                break;
            case "vrrp_track_process":
                if (RequireBlock(s, named: true))
                {
                    ReadProcess(s);
                }

                break;
            case "track_file" or "vrrp_track_file":
                if (RequireBlock(s, named: true))
                {
                    ReadFileTracker(s);
                }

                break;
            case "vrrp_instance":
                if (RequireBlock(s, named: true))
                {
                    ReadInstance(s);
                }

                break;
            case "vrrp_sync_group":
                if (RequireBlock(s, named: true))
                {
                    ReadSyncGroup(s);
                }

                break;
            case "virtual_server" or "virtual_server_group" or "static_ipaddress" or "static_routes" or "static_rules"
                or "bfd_instance" or "linkbeat_interfaces" or "garp_group" or "net_namespace" or "instance" or "vrrp_group":
                Unsupported(s, "vrrpd only runs VRRP instances");
                break;
            default:
                Unknown(s, "at top level");
                break;
        }
    }

    private VrrpdOptions Build()
    {
        var instances = _instances.ToArray();
        foreach (var (index, apply) in _garpOverrides)
        {
            instances[index] = instances[index] with { Garp = apply(_global.Garp) };
        }

        return new VrrpdOptions
        {
            Global = _global,
            TrackScripts = _scripts.ToArray(),
            TrackProcesses = _processes.ToArray(),
            TrackFiles = _files.ToArray(),
            Instances = instances,
            SyncGroups = _syncGroups.ToArray(),
        };
    }

    private bool RequireBlock(KeepalivedStatement s, bool named)
    {
        var keyword = s.Keyword.Text;
        if (named && s.ArgumentCount != 1)
        {
            _diagnostics.Error(s.File, s.Line, keyword, $"expects one name: {keyword} NAME {{ ... }}");
            return false;
        }

        if (!named && s.ArgumentCount != 0)
        {
            _diagnostics.Warning(s.File, s.Line, keyword, $"words after '{keyword}' are ignored");
        }

        if (s.Block is null)
        {
            _diagnostics.Error(s.File, s.Line, keyword, $"expects a block: {keyword}{(named ? " NAME" : "")} {{ ... }}");
            return false;
        }

        return true;
    }

    private void Unknown(KeepalivedStatement s, string where) =>
        _diagnostics.Warning(s.File, s.Line, s.Keyword.Text,
            $"unknown keyword {where}; ignored{(s.Block is null ? "" : " with its block")}");

    private void Unsupported(KeepalivedStatement s, string why) =>
        _diagnostics.Warning(s.File, s.Line, s.Keyword.Text,
            $"Keepalived keyword not supported by vrrpd ({why}); ignored{(s.Block is null ? "" : " with its block")}");
}
