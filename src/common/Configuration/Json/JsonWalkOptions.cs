namespace HaKube.Common.Configuration.Json;

/// <summary>What a daemon's format adds to a <see cref="JsonConfigWalker"/> walk; the defaults add nothing.</summary>
public sealed class JsonWalkOptions
{
    /// <summary>Called with the path and 1-based line of every known property, dictionary entry and array item.</summary>
    public Action<string, int>? SettingFound { get; init; }

    /// <summary>Accept a "$schema" property at the root without a warning (editors use it to find the schema).</summary>
    public bool AllowSchemaProperty { get; init; }

    /// <summary>Warn when an object names the same property twice (the serializer keeps the last one).</summary>
    public bool WarnDuplicateProperties { get; init; }

    /// <summary>Names what a value of a type must look like ("an IPv4 or IPv6 address as a string"), or null for the walker's own words.</summary>
    public Func<Type, string?>? DescribeType { get; init; }
}
