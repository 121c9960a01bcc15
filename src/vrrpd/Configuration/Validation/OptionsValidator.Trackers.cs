namespace HaKube.Vrrpd.Configuration.Validation;

/// <summary>Track scripts, process, file and tcplb trackers.</summary>
internal sealed partial class OptionsValidator
{
    private HashSet<string> _scriptNames = [];
    private HashSet<string> _processNames = [];
    private HashSet<string> _fileNames = [];
    private HashSet<string> _tcplbNames = [];

    private void CheckTrackers()
    {
        _scriptNames = UniqueNames("trackScripts", _options.TrackScripts.Select(s => s.Name), "track script");
        for (var i = 0; i < _options.TrackScripts.Count; i++)
        {
            var script = _options.TrackScripts[i];
            var path = ConfigPath.Item("trackScripts", i);
            var context = $"track script '{script.Name}'";
            if (script.Command.Count == 0 || script.Command[0].Length == 0)
            {
                Error(path, $"{context}: no script to run; give the program and its arguments");
            }

            Range(ConfigPath.Field(path, "interval"), script.Interval, OptionRanges.ScriptSeconds, context);
            if (script.Timeout is { } timeout)
            {
                Range(ConfigPath.Field(path, "timeout"), timeout, OptionRanges.ScriptSeconds, context);
            }

            Range(ConfigPath.Field(path, "rise"), script.Rise, OptionRanges.RiseFall, context);
            Range(ConfigPath.Field(path, "fall"), script.Fall, OptionRanges.RiseFall, context);
            Range(ConfigPath.Field(path, "weight"), script.Weight, OptionRanges.ScriptWeight, context);
            if (script.User is { Length: 0 })
            {
                Error(ConfigPath.Field(path, "user"), $"{context}: user must not be empty");
            }
        }

        _processNames = UniqueNames("trackProcesses", _options.TrackProcesses.Select(p => p.Name), "process tracker");
        for (var i = 0; i < _options.TrackProcesses.Count; i++)
        {
            CheckProcess(ConfigPath.Item("trackProcesses", i), _options.TrackProcesses[i]);
        }

        _fileNames = UniqueNames("trackFiles", _options.TrackFiles.Select(f => f.Name), "file tracker");
        for (var i = 0; i < _options.TrackFiles.Count; i++)
        {
            var file = _options.TrackFiles[i];
            var path = ConfigPath.Item("trackFiles", i);
            if (file.Path.Length == 0)
            {
                Error(path, $"file tracker '{file.Name}': no file; give its path");
            }

            Range(ConfigPath.Field(path, "weight"), file.Weight, OptionRanges.TrackerWeight, $"file tracker '{file.Name}'");
        }

        _tcplbNames = UniqueNames("trackTcplb", _options.TrackTcplb.Select(t => t.Name), "tcplb tracker");
        for (var i = 0; i < _options.TrackTcplb.Count; i++)
        {
            var tcplb = _options.TrackTcplb[i];
            var path = ConfigPath.Item("trackTcplb", i);
            if (!Path.IsPathRooted(tcplb.AdminSocket))
            {
                Error(ConfigPath.Field(path, "adminSocket"), $"tcplb tracker '{tcplb.Name}': '{tcplb.AdminSocket}' must be an absolute path");
            }

            Range(ConfigPath.Field(path, "noHealthyBackendWeight"), tcplb.NoHealthyBackendWeight, OptionRanges.ScriptWeight, $"tcplb tracker '{tcplb.Name}'");
        }
    }

    /// <summary>
    /// A tracker that no instance and no sync group references never runs (nor does it in Keepalived): most often a
    /// name misspelt in a track block, or a leftover. A warning: the file still means what it says.
    /// </summary>
    private void CheckUnusedTrackers()
    {
        Unused("trackScripts", _options.TrackScripts.Select(s => s.Name), "never runs");
        Unused("trackProcesses", _options.TrackProcesses.Select(p => p.Name), "is never watched");
        Unused("trackFiles", _options.TrackFiles.Select(f => f.Name), "is never read");
        Unused("trackTcplb", _options.TrackTcplb.Select(t => t.Name), "is never asked");
    }

    private void Unused(string field, IEnumerable<string> names, string consequence)
    {
        var list = SyncGroupTracking.Lists.Single(l => l.Field == field);
        var used = _options.Instances.SelectMany(list.OfInstance)
            .Concat(_options.SyncGroups.SelectMany(list.OfGroup))
            .Select(r => r.Name)
            .ToHashSet(StringComparer.Ordinal);
        var i = 0;
        foreach (var name in names)
        {
            if (!used.Contains(name))
            {
                Warning(ConfigPath.Item(field, i), $"{list.What} '{name}' is not used: no instance or sync group tracks it, so it {consequence}");
            }

            i++;
        }
    }

    private void CheckProcess(string path, TrackProcessOptions process)
    {
        var context = $"process tracker '{process.Name}'";
        var byName = !string.IsNullOrEmpty(process.ProcessName);
        var byPidFile = !string.IsNullOrEmpty(process.PidFile);
        if (byName == byPidFile)
        {
            Error(path, $"{context}: give exactly one of a process name (process) and a pid file (pidFile)");
        }

        if (byPidFile && !Path.IsPathRooted(process.PidFile!))
        {
            Error(ConfigPath.Field(path, "pidFile"), $"{context}: '{process.PidFile}' must be an absolute path");
        }

        Range(ConfigPath.Field(path, "weight"), process.Weight, OptionRanges.TrackerWeight, context);
        Range(ConfigPath.Field(path, "quorum"), process.Quorum, OptionRanges.Quorum, context);
        if (process.QuorumMax is { } max)
        {
            Range(ConfigPath.Field(path, "quorumMax"), max, new ValueRange(process.Quorum, OptionRanges.Quorum.Max), context);
        }

        Range(ConfigPath.Field(path, "terminateDelay"), process.TerminateDelay, OptionRanges.ProcessDelay, context);
        Range(ConfigPath.Field(path, "forkDelay"), process.ForkDelay, OptionRanges.ProcessDelay, context);
    }
}
