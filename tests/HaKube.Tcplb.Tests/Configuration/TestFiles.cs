namespace HaKube.Tcplb.Tests.Configuration;

/// <summary>Finds files under the test project's TestData folder, from the build output directory.</summary>
internal static class TestFiles
{
    public static string Path(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = System.IO.Path.Combine(dir.FullName, "TestData", name);
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "HaKube.Tcplb.Tests.csproj")) && File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException($"TestData/{name} not found above {AppContext.BaseDirectory}");
    }
}
