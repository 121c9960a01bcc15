using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using HaKube.Common.Configuration;

namespace HaKube.Vrrpd.Configuration.Json;

/// <summary>
/// Reads vrrpd's native JSON. A first pass walks the document against the source-generated metadata of
/// <see cref="VrrpdJsonContext"/>: it records the line of every setting, warns about unknown properties
/// and reports every type error with line and property path. Only a document without errors is then
/// deserialized.
/// </summary>
internal sealed class JsonConfigReader
{
    private const string SchemaProperty = "$schema";

    private readonly string _file;
    private readonly DiagnosticBag _diagnostics;
    private readonly JsonLineIndex _lines;
    private readonly SourceMap _map;
    private readonly JsonSerializerContext _context = VrrpdJsonContext.Default;
    private int _errors;

    private JsonConfigReader(string file, ReadOnlySpan<byte> utf8, DiagnosticBag diagnostics)
    {
        _file = file;
        _diagnostics = diagnostics;
        _lines = new JsonLineIndex(utf8);
        _map = new SourceMap(file, path => path);
    }

    public static (VrrpdOptions? Options, SourceMap Map) Read(byte[] utf8, string file, DiagnosticBag diagnostics)
    {
        ArgumentNullException.ThrowIfNull(utf8);
        ArgumentNullException.ThrowIfNull(diagnostics);
        var reader = new JsonConfigReader(file, utf8, diagnostics);
        return (reader.ReadAll(utf8), reader._map);
    }

    private VrrpdOptions? ReadAll(byte[] utf8)
    {
        var json = new Utf8JsonReader(utf8, new JsonReaderOptions
        {
            CommentHandling = JsonCommentHandling.Skip,
            AllowTrailingCommas = true,
        });
        try
        {
            if (!json.Read())
            {
                _diagnostics.Error(_file, 1, "", "the file is empty; expected a JSON object");
                return null;
            }

            Walk(ref json, VrrpdJsonContext.Default.VrrpdOptions, "", nullable: false);
        }
        catch (JsonException e)
        {
            _diagnostics.Error(_file, (int)(e.LineNumber ?? 0) + 1, "", $"invalid JSON: {e.Message}");
            return null;
        }

        if (_errors > 0)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(utf8, VrrpdJsonContext.Default.VrrpdOptions)
                ?? throw new JsonException("expected an object, found null");
        }
        catch (JsonException e)
        {
            // The walk should have caught it; report rather than crash if it did not.
            _diagnostics.Error(_file, (int)(e.LineNumber ?? 0) + 1, e.Path ?? "", e.Message);
            return null;
        }
    }

    /// <summary>Checks the value at the reader (its first token) against <paramref name="info"/>; leaves the reader on its last token.</summary>
    private void Walk(ref Utf8JsonReader json, JsonTypeInfo info, string path, bool nullable)
    {
        if (json.TokenType == JsonTokenType.Null)
        {
            if (!nullable)
            {
                TypeError(ref json, path, $"must not be null; expected {Describe(info)}");
            }

            return;
        }

        switch (info.Kind)
        {
            case JsonTypeInfoKind.Object:
                WalkObject(ref json, info, path);
                break;
            case JsonTypeInfoKind.Enumerable:
                WalkArray(ref json, info, path);
                break;
            default:
                CheckScalar(ref json, info, path);
                break;
        }
    }

    private void WalkObject(ref Utf8JsonReader json, JsonTypeInfo info, string path)
    {
        if (json.TokenType != JsonTokenType.StartObject)
        {
            TypeError(ref json, path, $"expected {Describe(info)}");
            return;
        }

        while (json.Read() && json.TokenType != JsonTokenType.EndObject)
        {
            var name = json.GetString()!;
            var line = _lines.LineOf(json.TokenStartIndex);
            json.Read();
            var property = info.Properties.FirstOrDefault(p => p.Name == name);
            if (property is null)
            {
                if (!(path.Length == 0 && name == SchemaProperty))
                {
                    var like = info.Properties.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));
                    var hint = like is null ? $"allowed: {string.Join(", ", info.Properties.Select(p => p.Name))}" : $"did you mean '{like.Name}'?";
                    _diagnostics.Warning(_file, line, ConfigPath.Field(path, name), $"unknown property; ignored ({hint})");
                }

                json.Skip();
                continue;
            }

            var child = ConfigPath.Field(path, property.Name);
            _map.Add(child, _file, line);
            Walk(ref json, _context.GetTypeInfo(property.PropertyType)!, child, property.IsSetNullable);
        }
    }

    private void WalkArray(ref Utf8JsonReader json, JsonTypeInfo info, string path)
    {
        if (json.TokenType != JsonTokenType.StartArray)
        {
            TypeError(ref json, path, $"expected {Describe(info)}");
            return;
        }

        var element = _context.GetTypeInfo(info.ElementType!)!;
        var index = 0;
        while (json.Read() && json.TokenType != JsonTokenType.EndArray)
        {
            var item = ConfigPath.Item(path, index++);
            _map.Add(item, _file, _lines.LineOf(json.TokenStartIndex));
            Walk(ref json, element, item, nullable: false);
        }
    }

    private void CheckScalar(ref Utf8JsonReader json, JsonTypeInfo info, string path)
    {
        var probe = json;
        try
        {
            JsonSerializer.Deserialize(ref probe, info);
        }
        catch (JsonException)
        {
            TypeError(ref json, path, $"expected {Describe(info)}");
            return;
        }

        json.Skip();
    }

    private void TypeError(ref Utf8JsonReader json, string path, string message)
    {
        _errors++;
        _diagnostics.Error(_file, _lines.LineOf(json.TokenStartIndex), path, $"{message}; found {Found(ref json)}");
        json.Skip();
    }

    private static string Found(ref Utf8JsonReader json) => json.TokenType switch
    {
        JsonTokenType.String => $"\"{json.GetString()}\"",
        JsonTokenType.Number => System.Text.Encoding.UTF8.GetString(json.ValueSpan),
        JsonTokenType.True => "true",
        JsonTokenType.False => "false",
        JsonTokenType.Null => "null",
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        _ => json.TokenType.ToString(),
    };

    private static string Describe(JsonTypeInfo info)
    {
        if (info.Kind == JsonTypeInfoKind.Object)
        {
            return "an object";
        }

        if (info.Kind == JsonTypeInfoKind.Enumerable)
        {
            return "an array";
        }

        var type = Nullable.GetUnderlyingType(info.Type) ?? info.Type;
        return type switch
        {
            _ when type == typeof(int) => "a whole number",
            _ when type == typeof(decimal) => "a number",
            _ when type == typeof(bool) => "true or false",
            _ when type == typeof(string) => "a string",
            _ when type == typeof(IPAddress) => "an IPv4 or IPv6 address as a string",
            _ when type == typeof(VrrpInitialState) => "\"backup\" or \"master\" (any case)",
            _ => type.Name,
        };
    }
}
