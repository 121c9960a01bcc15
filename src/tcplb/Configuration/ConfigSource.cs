using System.Collections.Immutable;

namespace HaKube.Tcplb.Configuration;

/// <summary>
/// Where an options record came from: the file, the line that declared it, and for each model property the file set,
/// the line and the spelling used there. The validator reports through it, so its findings name what the user wrote.
/// </summary>
internal sealed record ConfigSource(string File, int Line, ImmutableDictionary<string, FieldSource> Fields)
{
    /// <summary>For options built in code: no file, no lines.</summary>
    public static ConfigSource None { get; } = new("", 0, ImmutableDictionary<string, FieldSource>.Empty);

    /// <summary>The line and spelling of a model property (by its C# name); the declaring line when the file did not set it.</summary>
    public FieldSource Locate(string property, string fallbackName)
        => Fields.TryGetValue(property, out var field) ? field : new FieldSource(Line, fallbackName);
}
