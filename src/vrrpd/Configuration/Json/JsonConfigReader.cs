using System.Net;
using System.Text.Json;
using HaKube.Common.Configuration;
using HaKube.Common.Configuration.Json;

namespace HaKube.Vrrpd.Configuration.Json;

/// <summary>
/// Reads vrrpd's native JSON. A first pass walks the document against the source-generated metadata of
/// <see cref="VrrpdJsonContext"/> (<see cref="JsonConfigWalker"/>): it records the line of every setting, warns
/// about unknown properties and reports every type error with line and property path. Only a document without
/// errors is then deserialized.
/// </summary>
internal static class JsonConfigReader
{
    public static (VrrpdOptions? Options, SourceMap Map) Read(byte[] utf8, string file, DiagnosticBag diagnostics)
    {
        ArgumentNullException.ThrowIfNull(utf8);
        ArgumentNullException.ThrowIfNull(diagnostics);
        var map = new SourceMap(file, path => path);
        var walk = new JsonWalkOptions
        {
            SettingFound = (path, line) => map.Add(path, file, line),
            AllowSchemaProperty = true,
            DescribeType = Describe,
        };
        if (!JsonConfigWalker.Walk(utf8, VrrpdJsonContext.Default.VrrpdOptions, file, diagnostics, walk))
        {
            return (null, map);
        }

        try
        {
            return (JsonSerializer.Deserialize(utf8, VrrpdJsonContext.Default.VrrpdOptions)
                ?? throw new JsonException("expected an object, found null"), map);
        }
        catch (JsonException e)
        {
            // The walk should have caught it; report rather than crash if it did not.
            diagnostics.Error(file, (int)(e.LineNumber ?? 0) + 1, e.Path ?? "", e.Message);
            return (null, map);
        }
    }

    private static string? Describe(Type type) => type switch
    {
        _ when type == typeof(IPAddress) => "an IPv4 or IPv6 address as a string",
        _ when type == typeof(VrrpInitialState) => "\"backup\" or \"master\" (any case)",
        _ => null,
    };
}
