using HaKube.Vrrpd.Configuration.Validation;

namespace HaKube.Vrrpd.Configuration.Keepalived;

/// <summary>vrrp_script, vrrp_track_process and track_file definitions.</summary>
internal sealed partial class KeepalivedReader
{
    private void ReadScript(KeepalivedStatement definition)
    {
        var path = ConfigPath.Item("trackScripts", _scripts.Count);
        Record(path, definition);
        var script = new TrackScriptOptions { Name = definition.Words[1].Text };
        foreach (var s in definition.Block!)
        {
            switch (s.Keyword.Text)
            {
                case "script":
                    Record(ConfigPath.Field(path, "command"), s);
                    if (Args(s, 1, int.MaxValue, "a command line: script \"PROGRAM ARGS...\""))
                    {
                        script = script with { Command = CommandWords(s, 1, s.ArgumentCount) };
                    }

                    break;
                case "interval":
                    Record(ConfigPath.Field(path, "interval"), s);
                    if (Args(s, 1, 1, $"seconds: interval {OptionRanges.ScriptSeconds}") && Decimal(s, 1, OptionRanges.ScriptSeconds) is { } interval)
                    {
                        script = script with { Interval = interval };
                    }

                    break;
                case "timeout":
                    Record(ConfigPath.Field(path, "timeout"), s);
                    if (Args(s, 1, 1, $"seconds: timeout {OptionRanges.ScriptSeconds}") && Decimal(s, 1, OptionRanges.ScriptSeconds) is { } timeout)
                    {
                        script = script with { Timeout = timeout };
                    }

                    break;
                case "rise":
                    Record(ConfigPath.Field(path, "rise"), s);
                    if (Args(s, 1, 1, $"a count: rise {OptionRanges.RiseFall}") && Int(s, 1, OptionRanges.RiseFall) is { } rise)
                    {
                        script = script with { Rise = rise };
                    }

                    break;
                case "fall":
                    Record(ConfigPath.Field(path, "fall"), s);
                    if (Args(s, 1, 1, $"a count: fall {OptionRanges.RiseFall}") && Int(s, 1, OptionRanges.RiseFall) is { } fall)
                    {
                        script = script with { Fall = fall };
                    }

                    break;
                case "weight":
                    Record(ConfigPath.Field(path, "weight"), s);
                    if (Args(s, 1, 2, $"weight {OptionRanges.ScriptWeight} [reverse]") && ReadWeight(s, OptionRanges.ScriptWeight) is { } w)
                    {
                        script = script with { Weight = w.Weight, WeightReverse = w.Reverse };
                    }

                    break;
                case "user":
                    Record(ConfigPath.Field(path, "user"), s);
                    if (Args(s, 1, 2, "a user and optionally a group: user USER [GROUP]"))
                    {
                        script = script with { User = s.Words[1].Text, Group = s.ArgumentCount == 2 ? s.Words[2].Text : null };
                    }

                    break;
                case "init_fail":
                    Record(ConfigPath.Field(path, "initFail"), s);
                    if (Args(s, 0, 0, "no value: init_fail"))
                    {
                        script = script with { InitFail = true };
                    }

                    break;
                default:
                    Unknown(s, $"in vrrp_script {script.Name}");
                    break;
            }
        }

        _scripts.Add(script);
    }

    private void ReadProcess(KeepalivedStatement definition)
    {
        var path = ConfigPath.Item("trackProcesses", _processes.Count);
        Record(path, definition);
        var process = new TrackProcessOptions { Name = definition.Words[1].Text };
        foreach (var s in definition.Block!)
        {
            switch (s.Keyword.Text)
            {
                case "process":
                    Record(ConfigPath.Field(path, "processName"), s);
                    if (Args(s, 1, int.MaxValue, "a process name and optionally its arguments: process NAME [ARGS...]"))
                    {
                        process = process with
                        {
                            ProcessName = s.Words[1].Text,
                            Arguments = s.Words.Skip(2).Select(w => w.Text).ToArray(),
                        };
                    }

                    break;
                case "full_command":
                    Record(ConfigPath.Field(path, "fullCommand"), s);
                    if (Args(s, 0, 0, "no value: full_command"))
                    {
                        process = process with { FullCommand = true };
                    }

                    break;
                case "weight":
                    Record(ConfigPath.Field(path, "weight"), s);
                    if (Args(s, 1, 2, $"weight {OptionRanges.TrackerWeight} [reverse]") && ReadWeight(s, OptionRanges.TrackerWeight) is { } w)
                    {
                        process = process with { Weight = w.Weight, WeightReverse = w.Reverse };
                    }

                    break;
                case "quorum":
                    Record(ConfigPath.Field(path, "quorum"), s);
                    if (Args(s, 1, 1, $"a count: quorum {OptionRanges.Quorum}") && Int(s, 1, OptionRanges.Quorum) is { } quorum)
                    {
                        process = process with { Quorum = quorum };
                    }

                    break;
                case "quorum_max":
                    Record(ConfigPath.Field(path, "quorumMax"), s);
                    if (Args(s, 1, 1, $"a count: quorum_max {OptionRanges.Quorum}") && Int(s, 1, OptionRanges.Quorum) is { } quorumMax)
                    {
                        process = process with { QuorumMax = quorumMax };
                    }

                    break;
                case "delay" or "terminate_delay" or "fork_delay":
                    if (Args(s, 1, 1, $"seconds: {s.Keyword.Text} {OptionRanges.ProcessDelay}") && Decimal(s, 1, OptionRanges.ProcessDelay) is { } delay)
                    {
                        var keyword = s.Keyword.Text;
                        if (keyword != "fork_delay")
                        {
                            process = process with { TerminateDelay = delay };
                            Record(ConfigPath.Field(path, "terminateDelay"), s);
                        }

                        if (keyword != "terminate_delay")
                        {
                            process = process with { ForkDelay = delay };
                            Record(ConfigPath.Field(path, "forkDelay"), s);
                        }
                    }

                    break;
                case "param_match":
                    Unsupported(s, "arguments must match exactly");
                    break;
                default:
                    Unknown(s, $"in vrrp_track_process {process.Name}");
                    break;
            }
        }

        _processes.Add(process);
    }

    private void ReadFileTracker(KeepalivedStatement definition)
    {
        var path = ConfigPath.Item("trackFiles", _files.Count);
        Record(path, definition);
        var file = new TrackFileOptions { Name = definition.Words[1].Text };
        foreach (var s in definition.Block!)
        {
            switch (s.Keyword.Text)
            {
                case "file":
                    Record(ConfigPath.Field(path, "path"), s);
                    if (Args(s, 1, 1, "a path: file PATH"))
                    {
                        file = file with { Path = s.Words[1].Text };
                    }

                    break;
                case "weight":
                    Record(ConfigPath.Field(path, "weight"), s);
                    if (Args(s, 1, 2, $"weight {OptionRanges.TrackerWeight} [reverse]") && ReadWeight(s, OptionRanges.TrackerWeight) is { } w)
                    {
                        file = file with { Weight = w.Weight, WeightReverse = w.Reverse };
                    }

                    break;
                case "init_file":
                    Record(ConfigPath.Field(path, "initValue"), s);
                    if (Args(s, 0, 2, "init_file [VALUE] [overwrite]"))
                    {
                        file = ReadInitFile(s, file);
                    }

                    break;
                default:
                    Unknown(s, $"in track_file {file.Name}");
                    break;
            }
        }

        _files.Add(file);
    }

    private TrackFileOptions ReadInitFile(KeepalivedStatement s, TrackFileOptions file)
    {
        var value = 0;
        var overwrite = false;
        foreach (var word in s.Words.Skip(1))
        {
            if (word.Text == "overwrite")
            {
                overwrite = true;
            }
            else if (Int(word, s.Keyword.Text, new ValueRange(int.MinValue, int.MaxValue)) is { } v)
            {
                value = v;
            }
        }

        return file with { InitValue = value, InitOverwrite = overwrite };
    }

    /// <summary>A definition's <c>weight N [reverse]</c> line.</summary>
    private (int Weight, bool Reverse)? ReadWeight(KeepalivedStatement s, ValueRange range)
    {
        if (Int(s, 1, range) is not { } weight)
        {
            return null;
        }

        if (s.ArgumentCount == 2 && s.Words[2].Text != "reverse")
        {
            _diagnostics.Error(s.File, s.Line, "weight", $"unexpected '{s.Words[2].Text}'; allowed: weight {range} [reverse]");
            return null;
        }

        return (weight, s.ArgumentCount == 2);
    }
}
