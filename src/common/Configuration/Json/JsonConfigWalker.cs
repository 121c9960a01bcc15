using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace HaKube.Common.Configuration.Json;

/// <summary>
/// Walks a JSON configuration against the source-generated metadata of the type it binds to, before binding: warns about
/// unknown properties and reports every value of the wrong type, each with its line and property path, and tells the line
/// of every setting. The serializer alone stops at the first problem and knows no lines.
/// </summary>
/// <remarks>
/// Native AOT safe: types are known through <see cref="JsonTypeInfo"/> only, and scalars are checked by deserializing
/// them with their own converter (so an IP address converter or a string enum converter decides what it accepts).
/// Property names match as the serializer matches them (<see cref="JsonSerializerOptions.PropertyNameCaseInsensitive"/>);
/// paths name properties as written, dictionary entries by key and array items by index: <c>pools.a.servers[0].port</c>.
/// </remarks>
public sealed class JsonConfigWalker
{
    private const string SchemaProperty = "$schema";

    private readonly JsonSerializerOptions _serializer;
    private readonly JsonWalkOptions _options;
    private readonly JsonLineIndex _lines;
    private readonly string _file;
    private readonly DiagnosticBag _diagnostics;
    private readonly StringComparison _names;
    private int _errors;

    private JsonConfigWalker(JsonSerializerOptions serializer, JsonWalkOptions options, ReadOnlySpan<byte> utf8, string file, DiagnosticBag diagnostics)
    {
        _serializer = serializer;
        _options = options;
        _lines = new JsonLineIndex(utf8);
        _file = file;
        _diagnostics = diagnostics;
        _names = serializer.PropertyNameCaseInsensitive ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
    }

    /// <summary>Walks <paramref name="utf8"/> as <paramref name="root"/>; true when it is valid JSON without type errors, so it can be deserialized.</summary>
    public static bool Walk(ReadOnlySpan<byte> utf8, JsonTypeInfo root, string file, DiagnosticBag diagnostics, JsonWalkOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(diagnostics);
        var walker = new JsonConfigWalker(root.Options, options ?? new JsonWalkOptions(), utf8, file, diagnostics);
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions
        {
            CommentHandling = root.Options.ReadCommentHandling,
            AllowTrailingCommas = root.Options.AllowTrailingCommas,
            MaxDepth = root.Options.MaxDepth,
        });
        try
        {
            if (!reader.Read())
            {
                diagnostics.Error(file, 1, "", "the file is empty; expected a JSON object");
                return false;
            }

            walker.WalkValue(ref reader, root, "", nullable: false);
        }
        catch (JsonException e)
        {
            diagnostics.Error(file, (int)(e.LineNumber ?? 0) + 1, "", $"invalid JSON: {e.Message}");
            return false;
        }

        return walker._errors == 0;
    }

    private static string Field(string parent, string name) => parent.Length == 0 ? name : $"{parent}.{name}";

    private int Line(ref Utf8JsonReader reader) => _lines.LineOf(reader.TokenStartIndex);

    /// <summary>Checks the value at the reader (its first token) against <paramref name="info"/>; leaves the reader on its last token.</summary>
    private void WalkValue(ref Utf8JsonReader reader, JsonTypeInfo info, string path, bool nullable)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            if (!nullable)
            {
                TypeError(ref reader, path, $"must not be null; expected {Describe(info)}");
            }

            return;
        }

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
                CheckScalar(ref reader, info, path);
                break;
        }
    }

    private void WalkObject(ref Utf8JsonReader reader, JsonTypeInfo info, string path)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            TypeError(ref reader, path, $"expected {Describe(info)}");
            return;
        }

        var seen = _options.WarnDuplicateProperties ? new HashSet<string>(StringComparer.FromComparison(_names)) : null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var name = reader.GetString()!;
            var child = Field(path, name);
            var line = Line(ref reader);
            if (seen?.Add(name) == false)
            {
                _diagnostics.Warning(_file, line, child, $"'{name}' is given twice in this object; the last one wins");
            }

            reader.Read();
            var property = Find(info, name, _names);
            if (property is null)
            {
                if (!(_options.AllowSchemaProperty && path.Length == 0 && name == SchemaProperty))
                {
                    UnknownProperty(info, name, line, child);
                }

                reader.Skip();
                continue;
            }

            _options.SettingFound?.Invoke(child, line);
            WalkValue(ref reader, _serializer.GetTypeInfo(property.PropertyType), child, property.IsSetNullable);
        }
    }

    private void WalkDictionary(ref Utf8JsonReader reader, JsonTypeInfo info, string path)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            TypeError(ref reader, path, $"expected {Describe(info)}");
            return;
        }

        var (element, nullable) = Element(info);
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var child = Field(path, reader.GetString()!);
            _options.SettingFound?.Invoke(child, Line(ref reader));
            reader.Read();
            WalkValue(ref reader, element, child, nullable);
        }
    }

    private void WalkArray(ref Utf8JsonReader reader, JsonTypeInfo info, string path)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            TypeError(ref reader, path, $"expected {Describe(info)}");
            return;
        }

        var (element, nullable) = Element(info);
        var index = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            var item = $"{path}[{index++}]";
            _options.SettingFound?.Invoke(item, Line(ref reader));
            WalkValue(ref reader, element, item, nullable);
        }
    }

    /// <summary>A collection's element metadata; an element may be null only when its type says so (<c>int?</c>), as nullable annotations are not kept on type arguments.</summary>
    private (JsonTypeInfo Info, bool Nullable) Element(JsonTypeInfo collection)
    {
        var type = collection.ElementType!;
        return (_serializer.GetTypeInfo(type), Nullable.GetUnderlyingType(type) is not null);
    }

    /// <summary>A scalar is whatever its converter accepts: deserialize a copy of the reader and see.</summary>
    private void CheckScalar(ref Utf8JsonReader reader, JsonTypeInfo info, string path)
    {
        var probe = reader;
        try
        {
            JsonSerializer.Deserialize(ref probe, info);
        }
        catch (JsonException)
        {
            TypeError(ref reader, path, $"expected {Describe(info)}{RangeOf(ref reader, info.Type)}");
            return;
        }

        reader.Skip();
    }

    /// <summary>For a whole number too large for its setting, the range the setting takes; empty otherwise.</summary>
    private static string RangeOf(ref Utf8JsonReader reader, Type type)
    {
        if (reader.TokenType != JsonTokenType.Number || reader.ValueSpan.IndexOfAny(".eE"u8) >= 0)
        {
            return "";
        }

        type = Nullable.GetUnderlyingType(type) ?? type;
        (string Min, string Max)? range =
            type == typeof(int) ? (int.MinValue.ToString(CultureInfo.InvariantCulture), int.MaxValue.ToString(CultureInfo.InvariantCulture))
            : type == typeof(long) ? (long.MinValue.ToString(CultureInfo.InvariantCulture), long.MaxValue.ToString(CultureInfo.InvariantCulture))
            : type == typeof(short) ? (short.MinValue.ToString(CultureInfo.InvariantCulture), short.MaxValue.ToString(CultureInfo.InvariantCulture))
            : type == typeof(byte) ? ("0", byte.MaxValue.ToString(CultureInfo.InvariantCulture))
            : type == typeof(ushort) ? ("0", ushort.MaxValue.ToString(CultureInfo.InvariantCulture))
            : type == typeof(uint) ? ("0", uint.MaxValue.ToString(CultureInfo.InvariantCulture))
            : null;
        return range is { } r ? $" from {r.Min} to {r.Max}" : "";
    }

    private static JsonPropertyInfo? Find(JsonTypeInfo info, string name, StringComparison comparison)
    {
        foreach (var property in info.Properties)
        {
            if (string.Equals(property.Name, name, comparison))
            {
                return property;
            }
        }

        return null;
    }

    private void UnknownProperty(JsonTypeInfo info, string name, int line, string path)
    {
        var like = Find(info, name, StringComparison.OrdinalIgnoreCase);
        var hint = like is null ? $"known here: {string.Join(", ", info.Properties.Select(p => p.Name))}" : $"did you mean '{like.Name}'?";
        _diagnostics.Warning(_file, line, path, $"unknown property '{name}'; it is ignored ({hint})");
    }

    private void TypeError(ref Utf8JsonReader reader, string path, string message)
    {
        _errors++;
        _diagnostics.Error(_file, Line(ref reader), path, $"{message}; found {Found(ref reader)}");
        reader.Skip();
    }

    private static string Found(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.String => $"\"{reader.GetString()}\"",
        JsonTokenType.Number => Encoding.UTF8.GetString(reader.ValueSpan),
        JsonTokenType.True => "true",
        JsonTokenType.False => "false",
        JsonTokenType.Null => "null",
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        _ => reader.TokenType.ToString(),
    };

    private string Describe(JsonTypeInfo info)
    {
        var type = Nullable.GetUnderlyingType(info.Type) ?? info.Type;
        if (_options.DescribeType?.Invoke(type) is { } described)
        {
            return described;
        }

        return info.Kind switch
        {
            JsonTypeInfoKind.Object or JsonTypeInfoKind.Dictionary => "an object",
            JsonTypeInfoKind.Enumerable => "an array",
            _ when type == typeof(int) || type == typeof(long) || type == typeof(short) || type == typeof(byte)
                || type == typeof(uint) || type == typeof(ulong) || type == typeof(ushort) || type == typeof(sbyte) => "a whole number",
            _ when type == typeof(decimal) || type == typeof(double) || type == typeof(float) => "a number",
            _ when type == typeof(bool) => "true or false",
            _ when type == typeof(string) => "a string",
            _ => type.Name,
        };
    }
}
