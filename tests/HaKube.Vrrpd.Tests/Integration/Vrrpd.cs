namespace HaKube.Vrrpd.Tests.Integration;

/// <summary>
/// Where the real vrrpd is: the build puts vrrpd.dll next to the tests (the project references it), run with dotnet
/// (JIT). Set VRRPD_BINARY to a published binary (e.g. the Native AOT one) to run the same tests against it.
/// </summary>
internal static class Vrrpd
{
    public static string? Binary => Environment.GetEnvironmentVariable("VRRPD_BINARY") is { Length: > 0 } path ? path : null;

    public static string Dll
    {
        get
        {
            var path = Path.Combine(AppContext.BaseDirectory, "vrrpd.dll");
            return File.Exists(path) ? path : throw new FileNotFoundException($"vrrpd.dll is not next to the tests ({AppContext.BaseDirectory}); build src/vrrpd", path);
        }
    }

    /// <summary>The argv that runs vrrpd with <paramref name="args"/>.</summary>
    public static IReadOnlyList<string> Command(params string[] args) => Binary is { } binary ? [binary, .. args] : ["dotnet", Dll, .. args];
}
