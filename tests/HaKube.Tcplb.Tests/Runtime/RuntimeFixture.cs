using System.Net;
using HaKube.Tcplb.Configuration;
using HaKube.Tcplb.DataPlane;
using HaKube.Tcplb.Runtime;
using Microsoft.Extensions.Time.Testing;

namespace HaKube.Tcplb.Tests.Runtime;

/// <summary>Backends built from haproxy.cfg text, on a fake clock, with recorded events.</summary>
internal sealed class RuntimeFixture
{
    public static readonly ClientConnectionInfo Client = new(new IPEndPoint(IPAddress.Parse("198.18.0.100"), 40000), "fe");

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    public RecordingRuntimeEvents Events { get; } = new();

    public RuntimeBuilder Builder { get; }

    public RuntimeFixture() => Builder = new RuntimeBuilder(Time, Events);

    public static TcplbOptions Options(string backendBody, string frontendExtra = "")
    {
        var text = $"""
            defaults
              mode tcp
              timeout connect 5s
              timeout client 50s
              timeout server 50s
            frontend fe
              bind 198.18.0.1:6443
              default_backend be
            {frontendExtra}
            backend be
            {backendBody}
            """;
        var result = ConfigLoader.Parse(text, "test.cfg");
        Assert.True(result.Succeeded, string.Join('\n', result.Diagnostics));
        return result.Options!;
    }

    public RuntimeModel Build(string backendBody, RuntimeModel? previous = null, Func<ServerOptions, ServerOptions>? server = null)
    {
        var options = Options(backendBody);
        if (server is not null)
        {
            options = options with { Backends = [.. options.Backends.Select(b => b with { Servers = [.. b.Servers.Select(server)] })] };
        }

        return Builder.Build(options, previous, _ => null);
    }

    public static IBackendLease Acquire(BackendRuntime backend, ServerIdSet excluded = default)
    {
        Assert.Equal(AcquireStatus.Acquired, backend.TryAcquire(Client, excluded, out var lease));
        return lease!;
    }
}
