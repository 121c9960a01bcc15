namespace HaKube.Bench.Runner;

/// <summary>One line of text attached to a part of the run.</summary>
internal sealed record PartNote(string Part, string Text);
