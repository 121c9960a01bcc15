using System.Net.Sockets;
using HaKube.Common.Configuration;
using HaKube.Tcplb.Configuration;

namespace HaKube.Tcplb.Runtime;

/// <summary>SIGHUP (or the admin "reload" command): re-read the file and apply it without dropping a connection.</summary>
internal sealed partial class TcplbDaemon
{
    /// <summary>
    /// Applies the file if it is valid: backends are rebuilt (servers that stay keep their state), frontends whose binds
    /// did not change keep their listening sockets, established connections continue on the options they started with.
    /// An invalid file changes nothing; every finding is logged.
    /// </summary>
    public async Task<ReloadResult> ReloadAsync(string source)
    {
        await _reload.WaitAsync();
        try
        {
            Log.Reloading(_logger, source, _options.ConfigPath);
            var result = ConfigLoader.Load(_options.ConfigPath);
            var findings = result.Diagnostics.Select(d => d.ToString()).ToList();
            foreach (var d in result.Diagnostics)
            {
                if (d.Severity == Severity.Error)
                {
                    Log.ConfigError(_logger, d.ToString());
                }
                else
                {
                    Log.ConfigWarning(_logger, d.ToString());
                }
            }

            if (!result.Succeeded)
            {
                Log.ReloadRejected(_logger, result.Diagnostics.Count(d => d.Severity == Severity.Error), _options.ConfigPath);
                return new ReloadResult(false, findings);
            }

            _notifier.Reloading("reloading " + _options.ConfigPath);
            try
            {
                await ApplyAsync(result.Options!);
            }
            catch (RuntimeBuildException e)
            {
                Log.ReloadRejected(_logger, 1, e.Message);
                findings.Add(e.Message);
                _notifier.Ready("reload rejected; running the previous configuration");
                return new ReloadResult(false, findings);
            }

            _reloadedAt = _time.GetUtcNow();
            Log.Reloaded(_logger, _options.ConfigPath, _model.Frontends.Count, _model.Backends.Count);
            _notifier.Ready("reloaded " + _options.ConfigPath);
            return new ReloadResult(true, findings);
        }
        finally
        {
            _reload.Release();
        }
    }

    private async Task ApplyAsync(TcplbOptions options)
    {
        IHealthChecks checks;
        RuntimeModel next;
        try
        {
            checks = CreateChecks(options);
        }
        catch (InvalidOperationException e)
        {
            throw new RuntimeBuildException(e.Message, e);
        }

        try
        {
            next = _builder.Build(options, _model, _connectionLog.For);
        }
        catch
        {
            await checks.DisposeAsync();
            throw;
        }

        var previous = _model;

        // The old checks stop (their timers, probes and YARP state go) before the new backends take over.
        if (_checks is not null)
        {
            await _checks.DisposeAsync();
        }

        _checks = checks;

        // New connections (and retries of old ones) go to the new schedulers from here on.
        foreach (var backend in previous.Backends)
        {
            backend.Retire(next.Backend(backend.Name));
        }

        _model = next;
        _events?.Route(options);
        try
        {
            await _engine!.ReconfigureAsync(next.Frontends);
        }
        catch (SocketException e)
        {
            // A new or changed bind failed; the frontends that could be applied are; readiness says not listening.
            Log.ReloadListenFailed(_logger, e.Message);
        }

        checks.Start(Targets(next));
        PublishReadiness();
    }
}
