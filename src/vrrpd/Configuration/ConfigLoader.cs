using System.Net;
using System.Text;
using HaKube.Common.Configuration;
using HaKube.Vrrpd.Configuration.Json;
using HaKube.Vrrpd.Configuration.Keepalived;
using HaKube.Vrrpd.Configuration.Validation;

namespace HaKube.Vrrpd.Configuration;

/// <summary>
/// Loads vrrpd's configuration from either format, told apart by content (the first non-blank character
/// of the native JSON is '{'; a keepalived.conf cannot start so), then validates it.
/// </summary>
internal static class ConfigLoader
{
    /// <summary>Reads, validates and returns the options of <paramref name="path"/>, or null with the errors.</summary>
    /// <param name="path">The native JSON file or a keepalived.conf.</param>
    /// <param name="hostAddresses">This host's addresses when known (see <see cref="OptionsValidator.Validate"/>).</param>
    public static ConfigLoadResult Load(string path, IReadOnlySet<IPAddress>? hostAddresses = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new ConfigLoadResult(null, [new Diagnostic(Severity.Error, path, 0, "", $"cannot read the configuration: {e.Message}")], ConfigFormat.Keepalived);
        }

        return Load(bytes, path, hostAddresses);
    }

    /// <summary>As <see cref="Load(string, IReadOnlySet{IPAddress}?)"/>, from text said to come from <paramref name="path"/> (includes are relative to it).</summary>
    public static ConfigLoadResult LoadText(string text, string path, IReadOnlySet<IPAddress>? hostAddresses = null) =>
        Load(Encoding.UTF8.GetBytes(text), path, hostAddresses);

    /// <summary>Native JSON when the first character that is not blank (after a byte-order mark) is '{'.</summary>
    public static ConfigFormat Detect(ReadOnlySpan<byte> utf8)
    {
        var text = utf8.StartsWith("\uFEFF"u8) ? utf8[3..] : utf8;
        var start = text.IndexOfAnyExcept(" \t\r\n"u8);
        return start >= 0 && text[start] == (byte)'{' ? ConfigFormat.Native : ConfigFormat.Keepalived;
    }

    private static ConfigLoadResult Load(byte[] bytes, string path, IReadOnlySet<IPAddress>? hostAddresses)
    {
        var diagnostics = new DiagnosticBag();
        var format = Detect(bytes);
        var file = Path.GetFullPath(path);
        var (options, map) = format == ConfigFormat.Native
            ? JsonConfigReader.Read(bytes, file, diagnostics)
            : KeepalivedReader.ReadText(Encoding.UTF8.GetString(bytes).TrimStart('\uFEFF'), file, diagnostics);
        if (options is null)
        {
            return new ConfigLoadResult(null, diagnostics.Items, format);
        }

        var findings = new DiagnosticBag();
        OptionsValidator.Validate(options, map, findings, hostAddresses);

        // A value the reader could not parse kept its default; do not report that default a second time.
        var unreadable = diagnostics.Items.Where(d => d.Severity == Severity.Error).Select(d => (d.File, d.Line, d.Field)).ToHashSet();
        diagnostics.AddRange(findings.Items.Where(d => !unreadable.Contains((d.File, d.Line, d.Field))));
        return new ConfigLoadResult(diagnostics.HasErrors ? null : options, diagnostics.Items, format);
    }
}
