using HaKube.Common.Configuration;

namespace HaKube.Vrrpd.Configuration.Keepalived;

/// <summary>
/// Builds the block structure of a keepalived.conf from its lines: a '{' opens a block for the words before
/// it on its line, or, alone at the start of a line, for the statement on the line before; '}' closes it.
/// Several statements may share a line inside braces (<c>group { VI_1 VI_2 }</c>).
/// </summary>
internal static class KeepalivedSyntax
{
    public static IReadOnlyList<KeepalivedStatement> Parse(IReadOnlyList<IReadOnlyList<KeepalivedToken>> lines, DiagnosticBag diagnostics)
    {
        List<KeepalivedStatement> root = [];
        var open = new Stack<(KeepalivedStatement Owner, KeepalivedToken Brace, List<KeepalivedStatement> Body)>();
        var current = root;
        List<KeepalivedToken> words = [];

        void Flush()
        {
            if (words.Count > 0)
            {
                current.Add(new KeepalivedStatement(words));
                words = [];
            }
        }

        foreach (var line in lines)
        {
            foreach (var token in line)
            {
                if (token.IsOpenBrace)
                {
                    Flush();
                    if (current.Count == 0 || current[^1].Block is not null)
                    {
                        diagnostics.Error(token.File, token.Line, "", "'{' does not follow a keyword: put it after the keyword that opens the block");
                        open.Push((new KeepalivedStatement([token]), token, current));
                        current = [];
                        continue;
                    }

                    var owner = current[^1];
                    open.Push((owner, token, current));
                    current = owner.OpenBlock();
                }
                else if (token.IsCloseBrace)
                {
                    Flush();
                    if (open.Count == 0)
                    {
                        diagnostics.Error(token.File, token.Line, "", "'}' closes no block: remove it or add the missing '{'");
                        continue;
                    }

                    current = open.Pop().Body;
                }
                else
                {
                    words.Add(token);
                }
            }

            Flush();
        }

        while (open.Count > 0)
        {
            var (owner, brace, _) = open.Pop();
            diagnostics.Error(brace.File, brace.Line, owner.Keyword.Text,
                $"block '{owner}' opened here is never closed: add the missing '}}'");
        }

        return root;
    }
}
