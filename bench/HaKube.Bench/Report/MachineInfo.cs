using System.Globalization;
using System.Runtime.InteropServices;

namespace HaKube.Bench.Report;

/// <summary>The facts about the machine and tools that a reader needs to weigh the numbers.</summary>
internal sealed record MachineInfo(
    string Cpu, int Cores, string Kernel, string Os, string Memory, string LoadNow,
    string Haproxy, string Keepalived, string Nginx, string Wrk, string DotnetSdk, string DotnetRuntime)
{
    public static async Task<MachineInfo> CollectAsync()
    {
        var cpuinfo = await File.ReadAllLinesAsync("/proc/cpuinfo");
        var model = cpuinfo.FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown";
        var memKib = long.Parse((await File.ReadAllLinesAsync("/proc/meminfo")).First(l => l.StartsWith("MemTotal:", StringComparison.Ordinal))
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
        var os = (await File.ReadAllLinesAsync("/etc/os-release")).FirstOrDefault(l => l.StartsWith("PRETTY_NAME=", StringComparison.Ordinal))?[12..].Trim('"') ?? "unknown";
        var load = (await File.ReadAllTextAsync("/proc/loadavg")).Split(' ');
        return new MachineInfo(
            model,
            Environment.ProcessorCount,
            (await File.ReadAllTextAsync("/proc/sys/kernel/osrelease")).Trim(),
            os,
            string.Create(CultureInfo.InvariantCulture, $"{memKib / 1024.0 / 1024.0:0.0} GiB"),
            $"{load[0]} / {load[1]} / {load[2]}",
            await Tool.FirstLineAsync("haproxy", "-v"),
            await Tool.FirstLineAsync("keepalived", "-v"),
            await Tool.FirstLineAsync("nginx", "-v"),
            await Tool.FirstLineAsync("wrk", "-v"),
            await Tool.FirstLineAsync("dotnet", "--version"),
            RuntimeInformation.FrameworkDescription);
    }
}
