namespace HaKube.Common.Configuration;

/// <summary>Collects every finding of a configuration pass, so all problems are reported at once.</summary>
public sealed class DiagnosticBag
{
    private readonly List<Diagnostic> _items = [];

    /// <summary>Every finding, in the order found.</summary>
    public IReadOnlyList<Diagnostic> Items => _items;

    /// <summary>True when at least one finding is an error.</summary>
    public bool HasErrors => _items.Exists(d => d.Severity == Severity.Error);

    public void Error(string file, int line, string field, string message) => _items.Add(new(Severity.Error, file, line, field, message));

    public void Warning(string file, int line, string field, string message) => _items.Add(new(Severity.Warning, file, line, field, message));

    public void Add(Diagnostic diagnostic) => _items.Add(diagnostic);

    public void AddRange(IEnumerable<Diagnostic> diagnostics) => _items.AddRange(diagnostics);
}
