using System.Globalization;
using HaKube.Common.Configuration;
using HaKube.Vrrpd.Configuration;
using HaKube.Vrrpd.Daemon;

namespace HaKube.Vrrpd.Cli;

/// <summary>`vrrpd --check -f PATH`: every finding as FILE:LINE: error|warning: FIELD: MESSAGE on stderr; 0 unless an error.</summary>
internal static class CheckCommand
{
    public static int Run(string path, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        var result = ConfigLoader.Load(path);
        foreach (var diagnostic in result.Diagnostics)
        {
            error.WriteLine(diagnostic.ToString());
        }

        var errors = result.Diagnostics.Count(d => d.Severity == Severity.Error);
        var warnings = result.Diagnostics.Count - errors;
        if (result.Options is not { } options || errors > 0)
        {
            error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{path}: {errors} error(s), {warnings} warning(s): vrrpd would not start"));
            return ExitCodes.ConfigError;
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{path}: OK ({(result.Format == ConfigFormat.Native ? "native JSON" : "keepalived.conf")}, {options.Instances.Count} instance(s), {warnings} warning(s))"));
        return ExitCodes.Success;
    }
}
