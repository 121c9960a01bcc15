namespace HaKube.Vrrpd.Configuration;

/// <summary>Where a setting was written: file, line (1-based; 0 when unknown) and the field's name in that file's format.</summary>
internal readonly record struct SourceLocation(string File, int Line, string Field);
