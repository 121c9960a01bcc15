using System.Text;

namespace HaKube.Vrrpd.Tracking;

/// <summary>
/// Splits a script line into argv the way Keepalived does (no shell): words separated by blanks, single or
/// double quotes group, a backslash escapes the next character. Shell syntax (pipes, redirections) needs an
/// explicit <c>sh -c '...'</c>, as with Keepalived.
/// </summary>
internal static class CommandLine
{
    /// <summary>The words of <paramref name="line"/>; an error message instead when quotes are unbalanced or it is empty.</summary>
    public static bool TrySplit(string line, out IReadOnlyList<string> argv, out string error)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        var inWord = false;
        char quote = '\0';
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (c == '\\' && quote != '\'' && i + 1 < line.Length)
            {
                word.Append(line[++i]);
                inWord = true;
            }
            else if (quote != '\0')
            {
                if (c == quote)
                {
                    quote = '\0';
                }
                else
                {
                    word.Append(c);
                }
            }
            else if (c is '"' or '\'')
            {
                quote = c;
                inWord = true;
            }
            else if (char.IsWhiteSpace(c))
            {
                if (inWord)
                {
                    words.Add(word.ToString());
                    word.Clear();
                    inWord = false;
                }
            }
            else
            {
                word.Append(c);
                inWord = true;
            }
        }

        argv = words;
        if (quote != '\0')
        {
            error = $"unbalanced {quote} quote";
            return false;
        }

        if (inWord)
        {
            words.Add(word.ToString());
        }

        error = words.Count == 0 ? "empty command" : "";
        return words.Count > 0;
    }
}
