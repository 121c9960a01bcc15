using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using HaKube.Common.Configuration;

namespace HaKube.Tcplb.Configuration.Native;

/// <summary>
/// Walks a JSON document against the source-generated metadata of the type it should bind to, before binding: reports
/// every unknown property (warning) and every value of the wrong JSON type (error) with its line and property path, and
/// records the line of every property path, so later findings can name their line too. The serializer alone stops at
/// the first problem and knows no lines.
/// </summary>
internal sealed class JsonSchemaWalker
{
    private readonly JsonSerializerOptions _options;
    private readonly LineIndex _lines;
    private readonly string _file;
    private readonly DiagnosticBag _diagnostics;

    private JsonSchemaWalker(JsonSerializerOptions options, LineIndex lines, string file, DiagnosticBag diagnostics)
    {
        _options = options;
        _lines = lines;
        _file = file;
        _diagnostics = diagnostics;
    }

    /// <summary>Property path ("ReverseProxy.Clusters.k.Destinations.d.Address") → 1-based line, case-insensitive as the binding is.</summary>
    public Dictionary<string, int> PathLines { get; } = new(StringComparer.OrdinalIgnoreCase);

    public static JsonSchemaWalker Walk(ReadOnlySpan<byte> utf8, Type root, JsonSerializerOptions options, LineIndex lines, string file, DiagnosticBag diagnostics)
    {
        var walker = new JsonSchemaWalker(options, lines, file, diagnostics);
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        reader.Read();
        walker.WalkValue(ref reader, root, "");
        return walker;
    }

    private int Line(ref Utf8JsonReader reader) => _lines.LineOf(reader.TokenStartIndex);

    private void WalkValue(ref Utf8JsonReader reader, Type type, string path)
    {
        var underlying = Nullable.GetUnderlyingType(type);
        if (reader.TokenType == JsonTokenType.Null)
        {
            if (underlying is null && type.IsValueType)
            {
                TypeError(ref reader, path, type);
            }

            return;
        }

        type = underlying ?? type;
        var info = _options.GetTypeInfo(type);
        switch (info.Kind)
        {
            case JsonTypeInfoKind.Object:
                WalkObject(ref reader, info, path);
                break;
            case JsonTypeInfoKind.Dictionary:
                WalkDictionary(ref reader, info, path);
                break;
            case JsonTypeInfoKind.Enumerable:
                WalkArray(ref reader, info, path);
                break;
            default:
                WalkScalar(ref reader, type, path);
                break;
        }
    }

    private void WalkObject(ref Utf8JsonReader reader, JsonTypeInfo info, string path)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            TypeError(ref reader, path, info.Type);
            reader.Skip();
            return;
        }

        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString()!;
            var childPath = path.Length == 0 ? name : $"{path}.{name}";
            var line = Line(ref reader);
            PathLines[childPath] = line;
            if (!seen.Add(name))
            {
                _diagnostics.Warning(_file, line, childPath, $"'{name}' is given twice in this object; the last one wins");
            }

            var property = info.Properties.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));
            reader.Read();
            if (property is null)
            {
                var known = string.Join(", ", info.Properties.Select(p => p.Name));
                _diagnostics.Warning(_file, line, childPath, $"unknown property '{name}'; it is ignored (known here: {known})");
                reader.Skip();
                continue;
            }

            WalkValue(ref reader, property.PropertyType, childPath);
        }
    }

    private void WalkDictionary(ref Utf8JsonReader reader, JsonTypeInfo info, string path)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            TypeError(ref reader, path, info.Type);
            reader.Skip();
            return;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var key = reader.GetString()!;
            var childPath = path.Length == 0 ? key : $"{path}.{key}";
            PathLines[childPath] = Line(ref reader);
            reader.Read();
            WalkValue(ref reader, info.ElementType!, childPath);
        }
    }

    private void WalkArray(ref Utf8JsonReader reader, JsonTypeInfo info, string path)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            TypeError(ref reader, path, info.Type);
            reader.Skip();
            return;
        }

        var index = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            var childPath = $"{path}[{index++}]";
            PathLines[childPath] = Line(ref reader);
            WalkValue(ref reader, info.ElementType!, childPath);
        }
    }

    private void WalkScalar(ref Utf8JsonReader reader, Type type, string path)
    {
        var ok = reader.TokenType switch
        {
            JsonTokenType.String => type == typeof(string),
            JsonTokenType.True or JsonTokenType.False => type == typeof(bool),
            JsonTokenType.Number => type == typeof(int) && reader.TryGetInt32(out _),
            _ => false,
        };
        if (!ok)
        {
            TypeError(ref reader, path, type);
            reader.Skip();
        }
    }

    private void TypeError(ref Utf8JsonReader reader, string path, Type expected)
    {
        var want = expected switch
        {
            _ when expected == typeof(string) => "a string",
            _ when expected == typeof(int) || expected == typeof(int?) => "an integer (-2147483648..2147483647)",
            _ when expected == typeof(bool) || expected == typeof(bool?) => "true or false",
            _ when _options.GetTypeInfo(expected).Kind == JsonTypeInfoKind.Enumerable => "an array",
            _ => "an object",
        };
        var got = reader.TokenType switch
        {
            JsonTokenType.String => "a string",
            JsonTokenType.Number => "a number",
            JsonTokenType.True or JsonTokenType.False => "a boolean",
            JsonTokenType.StartObject => "an object",
            JsonTokenType.StartArray => "an array",
            JsonTokenType.Null => "null",
            _ => reader.TokenType.ToString(),
        };
        _diagnostics.Error(_file, Line(ref reader), path, $"expected {want}, found {got}");
    }
}
