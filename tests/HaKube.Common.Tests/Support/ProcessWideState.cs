namespace HaKube.Common.Tests.Support;

/// <summary>Tests that set process-wide state (environment variables, signal handlers) run alone.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessWideState
{
    public const string Name = "process environment";
}
