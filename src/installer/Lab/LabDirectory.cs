using System.Text.Json;

namespace HaKube.Installer.Lab;

/// <summary>
/// The one directory a lab lives in (default /run/hakube-lab): state.json, supervisor.pid, supervisor.log,
/// control.sock (the supervisor's admin socket) and pki/ (the lab CA and the masters' certificates).
/// </summary>
internal sealed class LabDirectory(string path)
{
    /// <summary>Where `hakube lab` keeps its lab unless --lab-dir says otherwise.</summary>
    public const string Default = "/run/hakube-lab";

    public string Path { get; } = System.IO.Path.GetFullPath(path);

    public string StateFile => System.IO.Path.Combine(Path, "state.json");

    public string PidFile => System.IO.Path.Combine(Path, "supervisor.pid");

    public string LogFile => System.IO.Path.Combine(Path, "supervisor.log");

    public string ControlSocket => System.IO.Path.Combine(Path, "control.sock");

    public string PkiDirectory => System.IO.Path.Combine(Path, "pki");

    public string CaFile => System.IO.Path.Combine(PkiDirectory, "ca.pem");

    /// <summary>Reads state.json, or null when there is none (or it is half-written by a dead supervisor).</summary>
    public LabState? ReadState()
    {
        try
        {
            return JsonSerializer.Deserialize(File.ReadAllBytes(StateFile), LabJsonContext.Default.LabState);
        }
        catch (Exception e) when (e is IOException or JsonException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Replaces state.json atomically (write, then rename), so a reader never sees half a file.</summary>
    public void WriteState(LabState state)
    {
        var temp = StateFile + ".tmp";
        File.WriteAllBytes(temp, JsonSerializer.SerializeToUtf8Bytes(state, LabJsonContext.Default.LabState));
        File.Move(temp, StateFile, overwrite: true);
    }

    /// <summary>Removes the directory and everything in it.</summary>
    public void Delete()
    {
        if (Directory.Exists(Path))
        {
            Directory.Delete(Path, recursive: true);
        }
    }
}
