namespace HaKube.Vrrpd.Tracking;

/// <summary>
/// Keepalived's <c>process NAME [ARGS]</c> match (vrrp_track_process), pure: without <see cref="FullCommand"/>
/// NAME is compared with the command name (/proc/PID/comm, which Linux truncates to 15 bytes), with it against
/// the program as started (argv[0] of /proc/PID/cmdline). Given ARGS, the arguments must be exactly those
/// (Keepalived's default param_match).
/// </summary>
internal sealed record ProcessMatch(string Name, IReadOnlyList<string> Arguments, bool FullCommand)
{
    /// <summary>Linux truncates /proc/PID/comm to 15 bytes (TASK_COMM_LEN - 1).</summary>
    private const int CommandLength = 15;

    /// <summary>Whether the command line must be read (it is not needed for a plain name match).</summary>
    public bool NeedsCommandLine => FullCommand || Arguments.Count > 0;

    /// <summary>Whether a process with command name <paramref name="comm"/> and command line <paramref name="argv"/> matches.</summary>
    public bool Matches(string comm, IReadOnlyList<string>? argv)
    {
        ArgumentNullException.ThrowIfNull(comm);
        if (FullCommand)
        {
            if (argv is not { Count: > 0 } || argv[0] != Name)
            {
                return false;
            }
        }
        else if (comm != (Name.Length > CommandLength ? Name[..CommandLength] : Name))
        {
            return false;
        }

        if (Arguments.Count == 0)
        {
            return true;
        }

        return argv is not null && argv.Count == Arguments.Count + 1 && argv.Skip(1).SequenceEqual(Arguments, StringComparer.Ordinal);
    }

    /// <summary>Splits /proc/PID/cmdline (NUL-separated, NUL-terminated) into words.</summary>
    public static IReadOnlyList<string> SplitCommandLine(ReadOnlySpan<char> cmdline)
    {
        var words = new List<string>();
        if (cmdline.Length > 0 && cmdline[^1] == '\0')
        {
            cmdline = cmdline[..^1];
        }

        if (cmdline.IsEmpty)
        {
            return words;
        }

        foreach (var range in cmdline.Split('\0'))
        {
            words.Add(cmdline[range].ToString());
        }

        return words;
    }
}
