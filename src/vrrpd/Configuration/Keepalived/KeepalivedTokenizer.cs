using HaKube.Common.Configuration;

namespace HaKube.Vrrpd.Configuration.Keepalived;

/// <summary>
/// Splits a keepalived.conf into lines of words, keeping file:line for each. Comments start with '#' or
/// '!' at the start of a word; "double quotes" make one word; braces are words of their own even when
/// attached. An <c>include PATTERN</c> line is replaced by the lines of the matching files (glob, relative
/// to the including file); an include of a file already being read is reported as a cycle.
/// </summary>
internal sealed class KeepalivedTokenizer
{
    private const string IncludeKeyword = "include";

    private readonly DiagnosticBag _diagnostics;
    private readonly List<IReadOnlyList<KeepalivedToken>> _lines = [];
    private readonly List<string> _reading = [];

    private KeepalivedTokenizer(DiagnosticBag diagnostics)
    {
        _diagnostics = diagnostics;
    }

    /// <summary>The lines of <paramref name="path"/> and its includes, in reading order; empty lines dropped.</summary>
    public static IReadOnlyList<IReadOnlyList<KeepalivedToken>> ReadFile(string path, DiagnosticBag diagnostics)
    {
        var tokenizer = new KeepalivedTokenizer(diagnostics);
        var full = Path.GetFullPath(path);
        if (tokenizer.TryReadAllText(full, path, 0, out var text))
        {
            tokenizer.AddText(text, full);
        }

        return tokenizer._lines;
    }

    /// <summary>As <see cref="ReadFile"/>, from text said to come from <paramref name="file"/> (includes are relative to it).</summary>
    public static IReadOnlyList<IReadOnlyList<KeepalivedToken>> ReadText(string text, string file, DiagnosticBag diagnostics)
    {
        var tokenizer = new KeepalivedTokenizer(diagnostics);
        tokenizer.AddText(text, Path.GetFullPath(file));
        return tokenizer._lines;
    }

    private void AddText(string text, string file)
    {
        _reading.Add(file);
        var lineNumber = 0;
        foreach (var line in text.AsSpan().EnumerateLines())
        {
            lineNumber++;
            var words = SplitLine(line, file, lineNumber);
            if (words.Count == 0)
            {
                continue;
            }

            if (!words[0].Quoted && words[0].Text == IncludeKeyword)
            {
                Include(words, file);
            }
            else
            {
                _lines.Add(words);
            }
        }

        _reading.RemoveAt(_reading.Count - 1);
    }

    private List<KeepalivedToken> SplitLine(ReadOnlySpan<char> line, string file, int lineNumber)
    {
        List<KeepalivedToken> words = [];
        var i = 0;
        while (i < line.Length)
        {
            var c = line[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c is '#' or '!')
            {
                break;
            }
            else if (c is '{' or '}')
            {
                words.Add(new KeepalivedToken(c.ToString(), file, lineNumber, Quoted: false));
                i++;
            }
            else if (c == '"')
            {
                var end = line[(i + 1)..].IndexOf('"');
                if (end < 0)
                {
                    _diagnostics.Error(file, lineNumber, "", "unterminated quoted string: add the closing '\"' on the same line");
                    words.Add(new KeepalivedToken(line[(i + 1)..].ToString(), file, lineNumber, Quoted: true));
                    break;
                }

                words.Add(new KeepalivedToken(line.Slice(i + 1, end).ToString(), file, lineNumber, Quoted: true));
                i += end + 2;
            }
            else
            {
                var start = i;
                while (i < line.Length && !char.IsWhiteSpace(line[i]) && line[i] is not ('{' or '}' or '"'))
                {
                    i++;
                }

                words.Add(new KeepalivedToken(line[start..i].ToString(), file, lineNumber, Quoted: false));
            }
        }

        return words;
    }

    private void Include(List<KeepalivedToken> words, string file)
    {
        var at = words[0];
        if (words.Count != 2)
        {
            _diagnostics.Error(at.File, at.Line, IncludeKeyword, "expects exactly one file name or glob pattern");
            return;
        }

        var pattern = words[1].Text;
        var matches = IncludeGlob.Expand(pattern, Path.GetDirectoryName(file) ?? "/");
        if (matches.Count == 0)
        {
            if (IncludeGlob.HasWildcards(pattern))
            {
                _diagnostics.Warning(at.File, at.Line, IncludeKeyword, $"no file matches '{pattern}'");
            }
            else
            {
                _diagnostics.Error(at.File, at.Line, IncludeKeyword, $"file '{pattern}' does not exist");
            }

            return;
        }

        foreach (var match in matches)
        {
            var full = Path.GetFullPath(match);
            var cycleStart = _reading.IndexOf(full);
            if (cycleStart >= 0)
            {
                var chain = string.Join(" -> ", _reading.Skip(cycleStart).Append(full));
                _diagnostics.Error(at.File, at.Line, IncludeKeyword, $"include cycle: {chain}; remove one of these includes");
                continue;
            }

            if (TryReadAllText(full, at.File, at.Line, out var text))
            {
                AddText(text, full);
            }
        }
    }

    private bool TryReadAllText(string full, string reportFile, int reportLine, out string text)
    {
        try
        {
            text = File.ReadAllText(full);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _diagnostics.Error(reportFile, reportLine, reportLine > 0 ? IncludeKeyword : "", $"cannot read '{full}': {e.Message}");
            text = "";
            return false;
        }
    }
}
