namespace HaKube.Vrrpd.Configuration;

/// <summary>
/// Remembers where each setting of a <see cref="VrrpdOptions"/> came from, keyed by its path in the model
/// (the native JSON path, e.g. <c>instances[0].priority</c>), so the validator can name file, line and field
/// whichever reader filled the model.
/// </summary>
internal sealed class SourceMap
{
    private readonly Dictionary<string, (string File, int Line)> _entries = new(StringComparer.Ordinal);
    private readonly Func<string, string> _fieldName;

    /// <param name="defaultFile">File named when a path has no recorded ancestor.</param>
    /// <param name="fieldName">Turns a model path into the field name users see in their format.</param>
    public SourceMap(string defaultFile, Func<string, string> fieldName)
    {
        DefaultFile = defaultFile;
        _fieldName = fieldName;
    }

    public string DefaultFile { get; }

    /// <summary>Records (or overwrites) where the setting at <paramref name="path"/> was written.</summary>
    public void Add(string path, string file, int line) => _entries[path] = (file, line);

    /// <summary>The place of <paramref name="path"/>, else of its nearest recorded ancestor, else the file alone.</summary>
    public SourceLocation Locate(string path)
    {
        var field = _fieldName(path);
        for (var p = path; p.Length > 0; p = ConfigPath.Parent(p))
        {
            if (_entries.TryGetValue(p, out var at))
            {
                return new SourceLocation(at.File, at.Line, field);
            }
        }

        return new SourceLocation(DefaultFile, 0, field);
    }

    /// <summary>True when the setting at <paramref name="path"/> itself was written in the file.</summary>
    public bool Contains(string path) => _entries.ContainsKey(path);
}
