using System.Globalization;
using HaKube.Common.Configuration;

namespace HaKube.Tcplb.Configuration.Haproxy;

/// <summary>
/// Reads an haproxy.cfg into <see cref="TcplbOptions"/> with HAProxy 2.6's meaning: sections global, defaults,
/// frontend, backend and listen; the last defaults section is copied into each proxy that follows; default-server
/// applies to later server lines. Every finding names file:line and the keyword. Range checks are left to
/// <see cref="TcplbOptionsValidator"/>, which reports through the recorded field lines.
/// </summary>
internal sealed partial class HaproxyConfigReader
{
    private static readonly string[] IgnoredSections = ["userlist", "peers", "resolvers", "mailers", "program", "http-errors", "ring", "cache", "crt-store", "log-forward"];

    private readonly string _file;
    private readonly DiagnosticBag _diagnostics;
    private readonly Func<string, string?> _environment;

    private readonly Dictionary<string, ProxyBuilder> _namedDefaults = new(StringComparer.Ordinal);
    private readonly List<ProxyBuilder> _proxies = [];
    private readonly GlobalState _global = new();
    private ProxyBuilder _defaults = new() { Kind = ProxySectionKind.Defaults };

    private HaproxyConfigReader(string file, DiagnosticBag diagnostics, Func<string, string?> environment)
    {
        _file = file;
        _diagnostics = diagnostics;
        _environment = environment;
    }

    /// <summary>Reads <paramref name="text"/>; returns null only when nothing usable could be built (errors are in the bag either way).</summary>
    public static TcplbOptions Read(string text, string file, DiagnosticBag diagnostics, Func<string, string?>? environment = null)
    {
        var reader = new HaproxyConfigReader(file, diagnostics, environment ?? Environment.GetEnvironmentVariable);
        var lines = HaproxyTokenizer.Split(text, file, reader._environment, diagnostics);
        reader.ReadLines(lines);
        return reader.Build();
    }

    private void ReadLines(List<HaproxyLine> lines)
    {
        Action<HaproxyLine>? section = null;
        ProxyBuilder? proxy = null;
        foreach (var line in lines)
        {
            var keyword = line[0];
            switch (keyword)
            {
                case "global":
                    WarnExtraWords(line, 1);
                    _global.Line = line.Number;
                    section = ReadGlobal;
                    proxy = null;
                    continue;
                case "defaults":
                case "frontend":
                case "backend":
                case "listen":
                    proxy = StartProxy(line);
                    var current = proxy;
                    section = l => ReadProxy(current, l);
                    continue;
                default:
                    break;
            }

            if (IgnoredSections.Contains(keyword))
            {
                _diagnostics.Warning(_file, line.Number, keyword, $"'{keyword}' sections mean nothing to tcplb; the section is ignored");
                section = static _ => { };
                continue;
            }

            if (section is null)
            {
                _diagnostics.Warning(_file, line.Number, keyword, $"unknown keyword '{keyword}' outside any section; sections are global, defaults, frontend, backend and listen");
                continue;
            }

            section(line);
        }
    }

    private ProxyBuilder StartProxy(HaproxyLine line)
    {
        var kind = line[0] switch
        {
            "defaults" => ProxySectionKind.Defaults,
            "frontend" => ProxySectionKind.Frontend,
            "backend" => ProxySectionKind.Backend,
            _ => ProxySectionKind.Listen,
        };
        var name = line[1];
        var from = _defaults;
        var next = 2;
        if (line[next] == "from")
        {
            if (!_namedDefaults.TryGetValue(line[next + 1], out var named))
            {
                _diagnostics.Error(_file, line.Number, "from", $"no defaults section named '{line[next + 1]}' before this line");
            }
            else
            {
                from = named;
            }

            next += 2;
        }

        WarnExtraWords(line, next);
        if (kind != ProxySectionKind.Defaults && name.Length == 0)
        {
            _diagnostics.Error(_file, line.Number, line[0], $"'{line[0]}' needs a name");
        }

        var proxy = from.Inherit(kind, name, line.Number);
        if (kind == ProxySectionKind.Defaults)
        {
            _defaults = proxy;
            if (name.Length > 0)
            {
                _namedDefaults[name] = proxy;
            }
        }
        else
        {
            _proxies.Add(proxy);
        }

        return proxy;
    }

    private void WarnExtraWords(HaproxyLine line, int used)
    {
        if (line.Count > used)
        {
            _diagnostics.Warning(_file, line.Number, line[0], $"'{string.Join(' ', line.Words.Skip(used))}' after '{line[0]}' is ignored");
        }
    }

    private void Ignored(HaproxyLine line, string keyword, string why)
        => _diagnostics.Warning(_file, line.Number, keyword, $"accepted and ignored: {why}");

    private void Unknown(HaproxyLine line, string section, string keyword)
        => _diagnostics.Warning(_file, line.Number, keyword, $"unknown keyword '{keyword}' in '{section}' section; it is ignored");

    private void Unsupported(HaproxyLine line, string keyword, string why)
        => _diagnostics.Error(_file, line.Number, keyword, $"not supported by tcplb: {why}");

    private static FieldSource Here(HaproxyLine line, string field) => new(line.Number, field);

    private bool TryArgument(HaproxyLine line, int index, string field, string expected, out string value)
    {
        value = line[index];
        if (index < line.Count && value.Length > 0)
        {
            return true;
        }

        _diagnostics.Error(_file, line.Number, field, $"'{field}' expects {expected}");
        return false;
    }

    private bool TryInt(HaproxyLine line, int index, string field, out int value)
    {
        value = 0;
        if (!TryArgument(line, index, field, "an integer", out var text))
        {
            return false;
        }

        if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value))
        {
            return true;
        }

        _diagnostics.Error(_file, line.Number, field, $"'{text}' is not an integer");
        return false;
    }

    /// <summary>A time in HAProxy syntax; a trailing extra unit ("1m30s") is read as HAProxy 2.6 reads it, with a warning.</summary>
    private bool TryTime(HaproxyLine line, int index, string field, out TimeSpan value)
    {
        value = default;
        if (!TryArgument(line, index, field, "a time (an integer with an optional unit us, ms, s, m, h or d; a bare number is ms)", out var text))
        {
            return false;
        }

        if (!HaproxyTime.TryParse(text, out value, out var error, out var trailing))
        {
            _diagnostics.Error(_file, line.Number, field, error);
            return false;
        }

        if (trailing.Length > 0)
        {
            _diagnostics.Warning(_file, line.Number, field, $"'{trailing}' after the unit of '{text}' is ignored, as HAProxy 2.6 does, so this is {HaproxyTime.Format(value)}; write one number and one unit");
        }

        return true;
    }
}
