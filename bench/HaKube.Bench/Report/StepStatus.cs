namespace HaKube.Bench.Report;

/// <summary>One step of bench/run.sh as it recorded it in OUT/steps.tsv: "NAME\tok|failed|skipped\tDETAIL".</summary>
internal sealed record StepStatus(string Name, string Status, string Detail)
{
    public bool Failed => Status == "failed";

    public static IReadOnlyList<StepStatus> ReadAll(string file)
        => File.Exists(file)
            ? [.. File.ReadAllLines(file).Where(l => l.Length > 0).Select(l => l.Split('\t', 3)).Select(f => new StepStatus(f[0], f.ElementAtOrDefault(1) ?? "", f.ElementAtOrDefault(2) ?? ""))]
            : [];
}
