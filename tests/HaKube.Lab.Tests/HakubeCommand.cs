using System.Diagnostics;
using System.Text.Json;
using HaKube.Installer.Lab;

namespace HaKube.Lab.Tests;

/// <summary>Runs the hakube binary from the test's directory with a bound, as a user would from a shell.</summary>
internal sealed class HakubeCommand
{
    private readonly Process _process;
    private readonly Task<string> _stdout;
    private readonly Task<string> _stderr;

    private HakubeCommand(Process process)
    {
        _process = process;
        _stdout = process.StandardOutput.ReadToEndAsync();
        _stderr = process.StandardError.ReadToEndAsync();
    }

    public static string BinaryPath => Path.Combine(AppContext.BaseDirectory, "hakube");

    public int Pid => _process.Id;

    public static HakubeCommand Start(params string[] args)
    {
        var psi = new ProcessStartInfo(BinaryPath) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        return new HakubeCommand(Process.Start(psi)!);
    }

    /// <summary>Runs `hakube ARGS` to the end within <paramref name="bound"/> (killed after it) and returns exit code and output.</summary>
    public static async Task<(int Exit, string Stdout, string Stderr)> RunAsync(TimeSpan bound, params string[] args)
        => await Start(args).WaitAsync(bound);

    public async Task<(int Exit, string Stdout, string Stderr)> WaitAsync(TimeSpan bound)
    {
        try
        {
            await _process.WaitForExitAsync().WaitAsync(bound);
        }
        catch (TimeoutException)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
            Assert.Fail($"hakube {string.Join(' ', _process.StartInfo.ArgumentList)} did not finish within {bound.TotalSeconds} s; output:\n{await _stdout}\n{await _stderr}");
        }

        var result = (_process.ExitCode, await _stdout, await _stderr);
        _process.Dispose();
        return result;
    }

    public static T Json<T>(string text, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type)
        => JsonSerializer.Deserialize(text, type) ?? throw new InvalidDataException("null JSON");

    public static LabJsonContext Context => LabJsonContext.Default;
}
