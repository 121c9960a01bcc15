namespace HaKube.Vrrpd.Tests.Integration;

/// <summary>Where the real vrrpd is: the build puts vrrpd.dll next to the tests (the project references it); run it with dotnet (JIT).</summary>
internal static class Vrrpd
{
    public static string Dll
    {
        get
        {
            var path = Path.Combine(AppContext.BaseDirectory, "vrrpd.dll");
            return File.Exists(path) ? path : throw new FileNotFoundException($"vrrpd.dll is not next to the tests ({AppContext.BaseDirectory}); build src/vrrpd", path);
        }
    }

    /// <summary>The argv that runs vrrpd with <paramref name="args"/>.</summary>
    public static IReadOnlyList<string> Command(params string[] args) => ["dotnet", Dll, .. args];
}
