using System.Diagnostics;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace HaKube.LabTools.Probe;

/// <summary>
/// Starts one probe of each kind every interval on a fixed schedule: a probe never waits for the one before,
/// so a hanging connect (a VIP whose MAC is stale) shows as failures at the rate clients would see them.
/// </summary>
internal sealed class Prober(ProbeOptions options, ProbeOutput output) : IDisposable
{
    private const int MaxInFlight = 1000;
    private readonly SemaphoreSlim _inFlight = new(MaxInFlight, MaxInFlight);
    private readonly X509Certificate2Collection? _ca = LoadCa(options.CaFile);
    private readonly byte[] _request = Encoding.ASCII.GetBytes(
        $"GET {options.Path} HTTP/1.1\r\nHost: {options.Target}\r\nUser-Agent: hakube-probe\r\nConnection: close\r\n\r\n");

    private int _succeededKinds;

    /// <summary>Probes until the duration or count is reached or <paramref name="ct"/> fires; true when every kind succeeded at least once.</summary>
    public async Task<bool> RunAsync(CancellationToken ct)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        stop.CancelAfter(options.Duration);
        var loops = options.Kinds.Select((kind, i) => LoopAsync(kind, 1 << i, stop)).ToArray();
        await Task.WhenAll(loops);
        return _succeededKinds == (1 << options.Kinds.Count) - 1;
    }

    private async Task LoopAsync(ProbeKind kind, int bit, CancellationTokenSource stop)
    {
        var running = new List<Task>();
        using var timer = new PeriodicTimer(options.Interval);
        try
        {
            for (var n = 0; n < options.Count && !stop.IsCancellationRequested; n++)
            {
                await _inFlight.WaitAsync(stop.Token);
                running.Add(ProbeOnceAsync(kind, bit, stop));
                if (running.Count > 256)
                {
                    running.RemoveAll(t => t.IsCompleted);
                }

                if (!await timer.WaitForNextTickAsync(stop.Token))
                {
                    break;
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Duration reached or asked to stop: let the probes in flight finish.
        }

        await Task.WhenAll(running);
    }

    private async Task ProbeOnceAsync(ProbeKind kind, int bit, CancellationTokenSource stop)
    {
        var startedAt = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        string? error = null;
        using var timeout = new CancellationTokenSource(options.Timeout);
        try
        {
            await (kind == ProbeKind.Tcp ? ConnectAsync(timeout.Token) : GetAsync(timeout.Token));
        }
        catch (OperationCanceledException)
        {
            error = "timeout";
        }
        catch (Exception e) when (e is SocketException or IOException or System.Security.Authentication.AuthenticationException or InvalidDataException)
        {
            error = e is SocketException se ? se.SocketErrorCode.ToString() : e.Message;
        }
        finally
        {
            _inFlight.Release();
        }

        output.Probe(startedAt, kind, error, clock.Elapsed);
        if (error is null && options.UntilSuccess
            && (Interlocked.Or(ref _succeededKinds, bit) | bit) == (1 << options.Kinds.Count) - 1)
        {
            await stop.CancelAsync();
        }
    }

    private async Task ConnectAsync(CancellationToken ct)
    {
        using var socket = new Socket(options.Target.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(options.Target, ct);
    }

    private async Task GetAsync(CancellationToken ct)
    {
        using var socket = new Socket(options.Target.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(options.Target, ct);
        await using var tls = new SslStream(new NetworkStream(socket, ownsSocket: false));
        var auth = new SslClientAuthenticationOptions { TargetHost = options.Target.Address.ToString() };
        if (_ca is not null)
        {
            auth.CertificateChainPolicy = new X509ChainPolicy
            {
                TrustMode = X509ChainTrustMode.CustomRootTrust,
                RevocationMode = X509RevocationMode.NoCheck,
            };
            auth.CertificateChainPolicy.CustomTrustStore.AddRange(_ca);
        }
        else
        {
            // Without a CA the probe measures reachability only, as `curl -k` would.
#pragma warning disable CA5359
            auth.RemoteCertificateValidationCallback = static (_, _, _, _) => true;
#pragma warning restore CA5359
        }

        await tls.AuthenticateAsClientAsync(auth, ct);
        await tls.WriteAsync(_request, ct);
        var buffer = new byte[256];
        var read = 0;
        while (read < 12)
        {
            var n = await tls.ReadAsync(buffer.AsMemory(read), ct);
            if (n == 0)
            {
                throw new InvalidDataException("connection closed before the status line");
            }

            read += n;
        }

        // "HTTP/1.1 200 OK"
        var status = Encoding.ASCII.GetString(buffer, 9, 3);
        if (status != "200")
        {
            throw new InvalidDataException($"status {status}");
        }
    }

    public void Dispose()
    {
        _inFlight.Dispose();
        foreach (var cert in _ca ?? [])
        {
            cert.Dispose();
        }
    }

    private static X509Certificate2Collection? LoadCa(string? file)
    {
        if (file is null)
        {
            return null;
        }

        var ca = new X509Certificate2Collection();
        ca.ImportFromPemFile(file);
        return ca;
    }
}
