namespace HaKube.Vrrpd.Platform;

/// <summary>Reads a process's state and command name from /proc/PID/stat.</summary>
internal static class ProcStat
{
    /// <summary>False when the process does not exist (any more).</summary>
    public static bool TryRead(int pid, out char state, out string command)
    {
        state = '\0';
        command = "";
        string text;
        try
        {
            text = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }

        return TryParse(text, out state, out command);
    }

    /// <summary>Parses "PID (comm) S ..."; comm may hold spaces and parentheses, so the state follows the last ')'.</summary>
    public static bool TryParse(string text, out char state, out string command)
    {
        ArgumentNullException.ThrowIfNull(text);
        state = '\0';
        command = "";
        var open = text.IndexOf('(', StringComparison.Ordinal);
        var close = text.LastIndexOf(')');
        if (open < 0 || close < open || close + 2 >= text.Length)
        {
            return false;
        }

        command = text[(open + 1)..close];
        state = text[close + 2];
        return true;
    }

    /// <summary>Z (zombie) and X (dead) are exited processes that nobody has reaped yet.</summary>
    public static bool IsExitedState(char state) => state is 'Z' or 'X' or 'x';
}
