namespace HaKube.Common.Tests.Support;

/// <summary>A fresh directory under /tmp, short enough for unix socket paths (108 bytes), removed on dispose.</summary>
internal sealed class TempDirectory : IDisposable
{
    public TempDirectory()
    {
        Path = Directory.CreateTempSubdirectory("hk-").FullName;
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Join(Path, name);

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
