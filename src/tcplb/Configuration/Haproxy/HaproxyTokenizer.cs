using System.Globalization;
using System.Text;
using HaKube.Common.Configuration;

namespace HaKube.Tcplb.Configuration.Haproxy;

/// <summary>
/// Splits an haproxy.cfg into words as HAProxy 2.6's parse_line does: blanks separate words; '#' starts a comment;
/// a backslash escapes the next character (\\ \  \# \' \" \$, and \r \n \t \xNN); 'single quotes' are literal;
/// "double quotes" keep blanks and honour escapes; $NAME, ${NAME} and ${NAME-default} expand from the environment
/// outside single quotes. Quoted parts glue to their neighbours ("1"2 is 12).
/// </summary>
internal static class HaproxyTokenizer
{
    public static List<HaproxyLine> Split(string text, string file, Func<string, string?> environment, DiagnosticBag diagnostics)
    {
        var lines = new List<HaproxyLine>();
        var number = 0;
        foreach (var raw in text.Split('\n'))
        {
            number++;
            var words = SplitLine(raw.TrimEnd('\r'), file, number, environment, diagnostics);
            if (words is { Count: > 0 })
            {
                lines.Add(new HaproxyLine(number, words));
            }
        }

        return lines;
    }

    private static List<string>? SplitLine(string line, string file, int number, Func<string, string?> environment, DiagnosticBag diagnostics)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        var inWord = false;
        var quote = '\0';
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quote == '\'')
            {
                if (c == '\'')
                {
                    quote = '\0';
                }
                else
                {
                    word.Append(c);
                }

                continue;
            }

            if (c == '\\' && i + 1 < line.Length)
            {
                if (!TryEscape(line, ref i, word, out var error))
                {
                    diagnostics.Error(file, number, "", error);
                    return null;
                }

                inWord = true;
                continue;
            }

            if (c == '$' && i + 1 < line.Length && (line[i + 1] == '{' || char.IsAsciiLetter(line[i + 1]) || line[i + 1] == '_'))
            {
                ExpandVariable(line, ref i, word, file, number, environment, diagnostics);
                inWord = true;
                continue;
            }

            if (quote == '"')
            {
                if (c == '"')
                {
                    quote = '\0';
                }
                else
                {
                    word.Append(c);
                }

                continue;
            }

            switch (c)
            {
                case ' ' or '\t':
                    if (inWord)
                    {
                        words.Add(word.ToString());
                        word.Clear();
                        inWord = false;
                    }

                    break;
                case '#':
                    i = line.Length;
                    break;
                case '\'' or '"':
                    quote = c;
                    inWord = true;
                    break;
                default:
                    word.Append(c);
                    inWord = true;
                    break;
            }
        }

        if (quote != '\0')
        {
            diagnostics.Error(file, number, "", $"unmatched {(quote == '"' ? "double" : "single")} quote: close the quoted text on the same line");
            return null;
        }

        if (inWord)
        {
            words.Add(word.ToString());
        }

        return words;
    }

    private static bool TryEscape(string line, ref int i, StringBuilder word, out string error)
    {
        error = "";
        var next = line[i + 1];
        switch (next)
        {
            case 'r':
                word.Append('\r');
                break;
            case 'n':
                word.Append('\n');
                break;
            case 't':
                word.Append('\t');
                break;
            case 'x':
                if (i + 3 >= line.Length || !byte.TryParse(line.AsSpan(i + 2, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var b))
                {
                    error = "'\\x' must be followed by two hexadecimal digits";
                    return false;
                }

                word.Append((char)b);
                i += 2;
                break;
            default:
                word.Append(next);
                break;
        }

        i++;
        return true;
    }

    private static void ExpandVariable(string line, ref int i, StringBuilder word, string file, int number, Func<string, string?> environment, DiagnosticBag diagnostics)
    {
        string name;
        string? fallback = null;
        if (line[i + 1] == '{')
        {
            var close = line.IndexOf('}', i + 2);
            if (close < 0)
            {
                word.Append(line, i, line.Length - i);
                i = line.Length;
                diagnostics.Error(file, number, "", "'${' without '}': write ${NAME}");
                return;
            }

            var inner = line[(i + 2)..close];
            var dash = inner.IndexOf('-', StringComparison.Ordinal);
            (name, fallback) = dash >= 0 ? (inner[..dash], inner[(dash + 1)..]) : (inner, null);
            i = close;
        }
        else
        {
            var end = i + 1;
            while (end < line.Length && (char.IsAsciiLetterOrDigit(line[end]) || line[end] == '_'))
            {
                end++;
            }

            name = line[(i + 1)..end];
            i = end - 1;
        }

        var value = environment(name) ?? fallback;
        if (value is null)
        {
            diagnostics.Warning(file, number, name, $"environment variable '{name}' is not set: it expands to an empty string");
        }

        word.Append(value);
    }
}
