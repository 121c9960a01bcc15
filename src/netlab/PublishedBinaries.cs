namespace HaKube.NetLab;

/// <summary>
/// The shipped binaries of a source checkout, as scripts/build.sh publishes them (publish/linux-x64), and its systemd
/// units: what a test that must run a program exactly as deployed (Native AOT, under a unit with
/// MemoryDenyWriteExecute) installs.
/// </summary>
public static class PublishedBinaries
{
    /// <summary>Where scripts/build.sh publishes, relative to the checkout.</summary>
    public const string Directory = "publish/linux-x64";

    /// <summary>
    /// The published <paramref name="program"/> (the name of its directory under src/ and of its binary). Throws a
    /// <see cref="LabException"/> saying how to publish it when it is missing or older than its sources.
    /// </summary>
    public static string Require(string program)
    {
        var root = CheckoutRoot();
        var path = Path.Combine(root, Directory, program);
        if (!File.Exists(path))
        {
            throw new LabException($"{path} is missing: publish it with 'bash scripts/build.sh' (scripts/test.sh does so before the tests)");
        }

        var built = File.GetLastWriteTimeUtc(path);
        var newer = Sources(root, program).FirstOrDefault(f => File.GetLastWriteTimeUtc(f) > built);
        if (newer is not null)
        {
            throw new LabException($"{path} is older than {Path.GetRelativePath(root, newer)}: publish it again with 'bash scripts/build.sh'");
        }

        return path;
    }

    /// <summary>A shipped systemd unit of the checkout (deploy/systemd/<paramref name="name"/>), as it is installed.</summary>
    public static string Unit(string name)
    {
        var path = Path.Combine(CheckoutRoot(), "deploy", "systemd", name);
        return File.Exists(path) ? path : throw new LabException($"{path} is missing: no such unit in deploy/systemd");
    }

    private static IEnumerable<string> Sources(string root, string program)
    {
        foreach (var dir in new[] { Path.Combine(root, "src", program), Path.Combine(root, "src", "common") })
        {
            foreach (var file in System.IO.Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories))
            {
                var relative = Path.GetRelativePath(dir, file);
                if (!relative.StartsWith("bin/", StringComparison.Ordinal) && !relative.StartsWith("obj/", StringComparison.Ordinal)
                    && (file.EndsWith(".cs", StringComparison.Ordinal) || file.EndsWith(".csproj", StringComparison.Ordinal)))
                {
                    yield return file;
                }
            }
        }

        foreach (var file in new[] { "Directory.Build.props", "Directory.Packages.props" })
        {
            yield return Path.Combine(root, file);
        }
    }

    private static string CheckoutRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "HaKube.sln")))
            {
                return dir.FullName;
            }
        }

        throw new LabException($"no HaKube.sln above {AppContext.BaseDirectory}: published binaries are found from a source checkout only");
    }
}
