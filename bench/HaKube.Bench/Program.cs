using BenchmarkDotNet.Running;

namespace HaKube.Bench;

internal static class EntryPoint
{
    /// <summary>Runs the micro-benchmarks chosen on the command line (BenchmarkDotNet's switches, e.g. --filter '*Vrrp*').</summary>
    private static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(EntryPoint).Assembly).Run(args);
}
