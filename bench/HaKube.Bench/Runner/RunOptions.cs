namespace HaKube.Bench.Runner;

/// <summary>The command line of the "lab" and "report" commands.</summary>
internal sealed record RunOptions
{
    public bool Quick { get; init; }

    /// <summary>Where lab.json, logs and BenchmarkDotNet's exports go.</summary>
    public string OutDirectory { get; init; } = "bench/out";

    /// <summary>The published tcplb binary (bash scripts/build.sh puts it in publish/linux-x64).</summary>
    public string Tcplb { get; init; } = "publish/linux-x64/tcplb";

    public string Vrrpd { get; init; } = "publish/linux-x64/vrrpd";

    /// <summary>The report's destination.</summary>
    public string ResultsFile { get; init; } = "bench/RESULTS.md";

    /// <summary>Parts to run (dataplane, memory, failover); all when empty.</summary>
    public IReadOnlySet<string> Parts { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>Failover variants to run, by position in FailoverBench.Variants (for development); the profile's when empty.</summary>
    public IReadOnlySet<int> FailoverVariants { get; init; } = new HashSet<int>();

    /// <summary>Failover runs per variant and system, overriding the profile's (for development).</summary>
    public int? FailoverRuns { get; init; }

    /// <summary>The lab step's wall-clock budget, overriding the profile's (e.g. for every failover variant at 10 runs).</summary>
    public TimeSpan? Budget { get; init; }

    public Profile Profile
    {
        get
        {
            var p = Quick ? Profile.Quick : Profile.Full;
            p = FailoverRuns is { } n ? p with { FailoverRuns = n } : p;
            return Budget is { } b ? p with { Budget = b } : p;
        }
    }

    public const string Usage = """
        HaKube.Bench micro [BenchmarkDotNet switches]     the micro-benchmarks (BenchmarkSwitcher)
        HaKube.Bench lab [--quick] [--out DIR] [--tcplb PATH] [--vrrpd PATH] [--parts dataplane,memory,failover]
                         [--variants 0,2] [--runs N] [--budget MINUTES]
                                                          failover variants (by position), runs, and the lab step's time budget
                                                          data plane, memory at rest and failover in lab namespaces (root)
        HaKube.Bench report [--quick] [--out DIR] [--results FILE]
                                                          folds DIR/lab.json, DIR/micro and DIR/steps.tsv into FILE
        """;

    public static RunOptions Parse(IReadOnlyList<string> args)
    {
        var o = new RunOptions();
        for (var i = 0; i < args.Count; i++)
        {
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            o = args[i] switch
            {
                "--quick" => o with { Quick = true },
                "--out" => o with { OutDirectory = Value() },
                "--tcplb" => o with { Tcplb = Value() },
                "--vrrpd" => o with { Vrrpd = Value() },
                "--results" => o with { ResultsFile = Value() },
                "--variants" => o with { FailoverVariants = Value().Split(',').Select(v => int.Parse(v, System.Globalization.CultureInfo.InvariantCulture)).ToHashSet() },
                "--budget" => o with { Budget = TimeSpan.FromMinutes(double.Parse(Value(), System.Globalization.CultureInfo.InvariantCulture)) },
                "--runs" => o with { FailoverRuns = int.Parse(Value(), System.Globalization.CultureInfo.InvariantCulture) },
                "--parts" => o with { Parts = Value().Split(',', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal) },
                _ => throw new ArgumentException($"unknown option {args[i]}"),
            };
        }

        return o;
    }

    public bool Runs(string part) => Parts.Count == 0 || Parts.Contains(part);
}
