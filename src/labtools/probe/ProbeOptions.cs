using System.Globalization;
using System.Net;

namespace HaKube.LabTools.Probe;

/// <summary>Command-line settings of the probe: where, which kinds, how often and for how long.</summary>
internal sealed record ProbeOptions
{
    public IPEndPoint Target { get; init; } = new(IPAddress.Parse("198.18.0.10"), 6443);
    public IReadOnlyList<ProbeKind> Kinds { get; init; } = [ProbeKind.Tcp, ProbeKind.Tls];
    public TimeSpan Interval { get; init; } = TimeSpan.FromMilliseconds(10);
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(30);
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(1);
    public int Count { get; init; } = 10_000;
    public string? CaFile { get; init; }
    public string Path { get; init; } = "/readyz";
    public bool UntilSuccess { get; init; }

    public const string Usage = """
        hakube-probe: probes a TCP service at a fixed rate and prints one JSON line per probe.
          --target ADDR:PORT     default 198.18.0.10:6443
          --kinds tcp,tls        tcp = connect; tls = connect + TLS handshake + GET PATH (default both)
          --interval-ms N        one probe of each kind every N ms (default 10)
          --duration-s N         stop after N seconds (default 30)
          --count N              stop after N probes of each kind (default 10000)
          --timeout-ms N         a probe that takes longer fails (default 1000)
          --ca FILE              verify the server against this PEM CA and the target address (else no verification)
          --path PATH            request path of tls probes (default /readyz)
          --until-success        stop once every kind has succeeded once (exit 0), or fail at the bound (exit 1)
        Lines: {"t":UNIX_MS,"kind":"tcp","ok":true,"ms":0.41} ... {"event":"done",...}. SIGTERM/SIGINT end it early.
        """;

    public static ProbeOptions Parse(string[] args)
    {
        var o = new ProbeOptions();
        for (var i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            o = args[i] switch
            {
                "--target" => o with { Target = IPEndPoint.Parse(Value()) },
                "--kinds" => o with { Kinds = [.. Value().Split(',').Select(ParseKind)] },
                "--interval-ms" => o with { Interval = TimeSpan.FromMilliseconds(Positive(Value())) },
                "--duration-s" => o with { Duration = TimeSpan.FromSeconds(Positive(Value())) },
                "--count" => o with { Count = Positive(Value()) },
                "--timeout-ms" => o with { Timeout = TimeSpan.FromMilliseconds(Positive(Value())) },
                "--ca" => o with { CaFile = Value() },
                "--path" => o with { Path = Value() },
                "--until-success" => o with { UntilSuccess = true },
                _ => throw new ArgumentException($"unknown option {args[i]}"),
            };
        }

        if (o.Target.Port == 0)
        {
            throw new ArgumentException("--target needs a port");
        }

        return o;
    }

    private static ProbeKind ParseKind(string s) => s switch
    {
        "tcp" => ProbeKind.Tcp,
        "tls" => ProbeKind.Tls,
        _ => throw new ArgumentException($"unknown probe kind '{s}' (tcp, tls)"),
    };

    private static int Positive(string s)
        => int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n : throw new ArgumentException($"'{s}' is not a positive whole number");
}
