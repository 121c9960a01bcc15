using System.Text.Json;

namespace HaKube.Bench.Report;

/// <summary>One BenchmarkDotNet result: median and range of the measured iterations (ns/op), and bytes allocated per op.</summary>
internal sealed record MicroResult(string Type, string Method, string Parameters, double MedianNs, double MinNs, double MaxNs, int Iterations, long? AllocatedBytes)
{
    /// <summary>Reads every *-report-full-compressed.json BenchmarkDotNet exported under <paramref name="directory"/>.</summary>
    public static IReadOnlyList<MicroResult> ReadAll(string directory)
    {
        if (!Directory.Exists(directory))
        {
            return [];
        }

        var results = new List<MicroResult>();
        foreach (var file in Directory.EnumerateFiles(directory, "*-report-full-compressed.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(file));
            foreach (var b in doc.RootElement.GetProperty("Benchmarks").EnumerateArray())
            {
                if (!b.TryGetProperty("Statistics", out var s) || s.ValueKind != JsonValueKind.Object)
                {
                    continue; // a benchmark that failed has no statistics
                }

                long? allocated = b.TryGetProperty("Memory", out var m) && m.ValueKind == JsonValueKind.Object
                    ? m.GetProperty("BytesAllocatedPerOperation").GetInt64()
                    : null;
                results.Add(new MicroResult(
                    b.GetProperty(nameof(Type)).GetString() ?? "",
                    b.GetProperty(nameof(Method)).GetString() ?? "",
                    b.GetProperty(nameof(Parameters)).GetString() ?? "",
                    s.GetProperty("Median").GetDouble(),
                    s.GetProperty("Min").GetDouble(),
                    s.GetProperty("Max").GetDouble(),
                    s.GetProperty("N").GetInt32(),
                    allocated));
            }
        }

        return results;
    }
}
