namespace HaKube.Bench.Runner;

/// <summary>A measurement that could not be taken, and why; it makes the run exit non-zero.</summary>
internal sealed record NotMeasured(string Part, string What, string Reason)
{
    /// <summary>True for measurements left out on purpose (e.g. in --quick mode); these do not fail the run.</summary>
    public bool Deliberate { get; init; }
}
