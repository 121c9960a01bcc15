using System.Globalization;
using System.Net;

namespace HaKube.ApiServerStandIn;

/// <summary>Command-line settings of the stand-in.</summary>
internal sealed record StandInOptions
{
    public string Name { get; init; } = Environment.MachineName;
    public IPEndPoint Listen { get; init; } = new(IPAddress.Any, 6443);
    public string? CertFile { get; init; }
    public string? KeyFile { get; init; }
    public string? ClientCaFile { get; init; }
    public TimeSpan ShutdownDelay { get; init; } = TimeSpan.FromSeconds(3);
    public TimeSpan WatchInterval { get; init; } = TimeSpan.FromSeconds(1);
    public string? PidFile { get; init; }

    public const string Usage = """
        kube-apiserver-standin: answers like a kube-apiserver for balancer and failover tests.
          --name NAME               reported in every answer (default: the host name)
          --listen ADDR:PORT        default 0.0.0.0:6443
          --cert FILE --key FILE    PEM server certificate and key (default: a self-signed one)
          --client-ca FILE          require client certificates signed by this CA (mutual TLS)
          --shutdown-delay SECONDS  on SIGTERM, fail /readyz this long before closing (default 3)
          --watch-interval SECONDS  spacing of watch events (default 1)
          --pid-file FILE
        SIGUSR1 toggles readiness (/readyz answers 500 while unready); SIGTERM shuts down gracefully.
        """;

    public static StandInOptions Parse(string[] args)
    {
        var o = new StandInOptions();
        for (var i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            o = args[i] switch
            {
                "--name" => o with { Name = Value() },
                "--listen" => o with { Listen = IPEndPoint.Parse(Value()) },
                "--cert" => o with { CertFile = Value() },
                "--key" => o with { KeyFile = Value() },
                "--client-ca" => o with { ClientCaFile = Value() },
                "--shutdown-delay" => o with { ShutdownDelay = Seconds(Value()) },
                "--watch-interval" => o with { WatchInterval = Seconds(Value()) },
                "--pid-file" => o with { PidFile = Value() },
                _ => throw new ArgumentException($"unknown option {args[i]}"),
            };
        }

        if ((o.CertFile is null) != (o.KeyFile is null))
        {
            throw new ArgumentException("--cert and --key go together");
        }

        return o;
    }

    private static TimeSpan Seconds(string s) => TimeSpan.FromSeconds(double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture));
}
