using BenchmarkDotNet.Running;
using HaKube.Bench.Report;
using HaKube.Bench.Runner;

namespace HaKube.Bench;

internal static class EntryPoint
{
    /// <summary>
    /// "micro ARGS": the BenchmarkDotNet suites (BenchmarkSwitcher, e.g. --filter '*Vrrp*');
    /// "lab": data plane, memory and failover in lab namespaces; "report": writes RESULTS.md. See bench/README.md.
    /// </summary>
    private static async Task<int> Main(string[] args)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help")
        {
            Console.WriteLine(RunOptions.Usage);
            return args.Length == 0 ? 2 : 0;
        }

        try
        {
            switch (args[0])
            {
                case "micro":
                    var summaries = BenchmarkSwitcher.FromAssembly(typeof(EntryPoint).Assembly).Run(args[1..]);
                    return summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;
                case "lab":
                    return await LabRunner.RunAsync(RunOptions.Parse(args[1..]));
                case "configs":
                    // Development aid: what tcplb's and vrrpd's loaders say of the files the bench writes.
                    var findings = Fixtures.ConfigCheck.Run();
                    foreach (var (name, isError, text) in findings)
                    {
                        Console.WriteLine($"{name}: {text}");
                    }

                    return findings.Any(f => f.IsError) ? 1 : 0;
                case "report":
                    return await ReportWriter.RunAsync(RunOptions.Parse(args[1..]));
                default:
                    throw new ArgumentException($"unknown command '{args[0]}'");
            }
        }
        catch (ArgumentException e)
        {
            await Console.Error.WriteLineAsync($"HaKube.Bench: {e.Message}\n\n{RunOptions.Usage}");
            return 2;
        }
    }
}
