using HaKube.Common.Configuration;
using HaKube.Tcplb.Configuration.Haproxy;
using HaKube.Tcplb.Configuration.Native;

namespace HaKube.Tcplb.Configuration;

/// <summary>
/// Reads tcplb's configuration from a file whose format is told by its content: JSON (the native format) when the first
/// non-blank character is '{', an haproxy.cfg otherwise. Then validates the result as a whole.
/// </summary>
internal static class ConfigLoader
{
    public static ConfigLoadResult Load(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new ConfigLoadResult(null, [new Diagnostic(Severity.Error, path, 0, "", $"cannot read the configuration: {e.Message}")]);
        }

        return Parse(text, path);
    }

    /// <summary>Reads configuration text as if it came from <paramref name="file"/>; <paramref name="environment"/> resolves $VARS in an haproxy.cfg.</summary>
    public static ConfigLoadResult Parse(string text, string file, Func<string, string?>? environment = null)
    {
        var diagnostics = new DiagnosticBag();
        var options = DetectFormat(text) == ConfigFormat.Native
            ? NativeConfigReader.Read(text, file, diagnostics)
            : HaproxyConfigReader.Read(text, file, diagnostics, environment);
        if (options is not null)
        {
            TcplbOptionsValidator.Validate(options, diagnostics);
        }

        return new ConfigLoadResult(options, diagnostics.Items);
    }

    public static ConfigFormat DetectFormat(string text)
    {
        foreach (var c in text)
        {
            if (c == '\uFEFF' || char.IsWhiteSpace(c))
            {
                continue;
            }

            return c == '{' ? ConfigFormat.Native : ConfigFormat.Haproxy;
        }

        return ConfigFormat.Haproxy;
    }
}
