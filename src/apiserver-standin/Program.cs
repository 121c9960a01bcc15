using System.Globalization;
using System.Net;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using HaKube.ApiServerStandIn;
using Microsoft.AspNetCore.Server.Kestrel.Https;

StandInOptions options;
try
{
    options = StandInOptions.Parse(args);
}
catch (ArgumentException e)
{
    await Console.Error.WriteLineAsync($"kube-apiserver-standin: {e.Message}\n\n{StandInOptions.Usage}");
    return 2;
}

var readiness = new Readiness();
var builder = WebApplication.CreateSlimBuilder();
builder.Logging.ClearProviders();
builder.Services.AddSingleton<IHostLifetime, SignalFreeLifetime>();
builder.Host.ConfigureHostOptions(h => h.ShutdownTimeout = TimeSpan.FromSeconds(30));
var certificate = options.CertFile is not null
    ? X509Certificate2.CreateFromPemFile(options.CertFile, options.KeyFile)
    : SelfSigned(options);
X509Certificate2Collection? clientCa = options.ClientCaFile is not null ? LoadCa(options.ClientCaFile) : null;
builder.WebHost.ConfigureKestrel(k =>
{
    k.AddServerHeader = false;
    k.Listen(options.Listen, l => l.UseHttps(new HttpsConnectionAdapterOptions
    {
        ServerCertificate = certificate,
        ClientCertificateMode = clientCa is null ? ClientCertificateMode.AllowCertificate : ClientCertificateMode.RequireCertificate,
        ClientCertificateValidation = (cert, _, _) => clientCa is null || Chains(cert, clientCa),
    }));
});

var app = builder.Build();
var lifetime = app.Lifetime;

app.Use(async (context, next) =>
{
    await next(context);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"request {context.Request.Method} {context.Request.Path}{context.Request.QueryString} {context.Response.StatusCode} from {context.Connection.RemoteIpAddress}:{context.Connection.RemotePort} client-cert={context.Connection.ClientCertificate?.Subject ?? "none"}"));
});

app.MapGet("/readyz", () => readiness.IsReady ? Results.Text("ok") : Results.Text(readiness.FailureBody, statusCode: 500));
app.MapGet("/livez", () => Results.Text("ok"));
app.MapGet("/healthz", () => Results.Text("ok"));
app.MapGet("/version", () => Results.Text(Json(("gitVersion", "v1.30.0-standin"), ("server", options.Name)), "application/json"));
app.MapGet("/whoami", (HttpContext c) => Results.Text(Json(
    ("server", options.Name),
    ("client", $"{c.Connection.RemoteIpAddress}:{c.Connection.RemotePort}"),
    ("clientCertificate", c.Connection.ClientCertificate?.Subject ?? "")), "application/json"));
// A watch: one event per interval until the client goes or the server shuts down, as a real watch ends.
app.MapGet("/api/v1/watch/events", async (HttpContext c) =>
{
    c.Response.ContentType = "application/json";
    using var both = CancellationTokenSource.CreateLinkedTokenSource(c.RequestAborted, lifetime.ApplicationStopping);
    var seq = 0;
    try
    {
        while (!both.IsCancellationRequested)
        {
            await c.Response.WriteAsync(Json(("type", "BOOKMARK"), ("server", options.Name), ("seq", (seq++).ToString(CultureInfo.InvariantCulture))) + "\n", both.Token);
            await c.Response.Body.FlushAsync(both.Token);
            await Task.Delay(options.WatchInterval, both.Token);
        }
    }
    catch (OperationCanceledException)
    {
        // The client left or the server is stopping: the watch ends, the client re-establishes it.
    }
});

using var usr1 = PosixSignalRegistration.Create((PosixSignal)10 /* SIGUSR1 */, ctx =>
{
    ctx.Cancel = true;
    Console.WriteLine(readiness.Toggle() ? "readiness: ready" : "readiness: unready");
});
// kube-apiserver's graceful shutdown: /readyz fails first (balancers take the server out), requests are
// still served for the shutdown delay, then the listener closes and in-flight requests finish.
using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, ctx =>
{
    ctx.Cancel = true;
    lifetime.StopApplication();
});
using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, ctx =>
{
    ctx.Cancel = true;
    if (readiness.ShuttingDown)
    {
        return;
    }

    readiness.BeginShutdown();
    Console.WriteLine("shutdown: /readyz failing; closing in " + options.ShutdownDelay.TotalSeconds.ToString(CultureInfo.InvariantCulture) + " s");
    _ = Task.Delay(options.ShutdownDelay).ContinueWith(_ => lifetime.StopApplication(), TaskScheduler.Default);
});

if (options.PidFile is not null)
{
    await File.WriteAllTextAsync(options.PidFile, Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + "\n");
}

lifetime.ApplicationStarted.Register(() => Console.WriteLine($"listening on {options.Listen} as {options.Name}"));
await app.RunAsync();
Console.WriteLine("stopped");
return 0;

static X509Certificate2 SelfSigned(StandInOptions options)
{
    using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    var request = new CertificateRequest($"CN=kube-apiserver-{options.Name}", key, HashAlgorithmName.SHA256);
    var san = new SubjectAlternativeNameBuilder();
    san.AddDnsName("kubernetes");
    san.AddDnsName("localhost");
    san.AddIpAddress(IPAddress.Loopback);
    if (!options.Listen.Address.Equals(IPAddress.Any))
    {
        san.AddIpAddress(options.Listen.Address);
    }

    request.CertificateExtensions.Add(san.Build());
    using var cert = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
    return X509CertificateLoader.LoadPkcs12(cert.Export(X509ContentType.Pkcs12), null);
}

static X509Certificate2Collection LoadCa(string path)
{
    var ca = new X509Certificate2Collection();
    ca.ImportFromPemFile(path);
    return ca;
}

static bool Chains(X509Certificate2 cert, X509Certificate2Collection ca)
{
    using var chain = new X509Chain();
    chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
    chain.ChainPolicy.CustomTrustStore.AddRange(ca);
    chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
    return chain.Build(cert);
}

static string Json(params (string Key, string Value)[] fields)
{
    var sb = new StringBuilder("{");
    foreach (var (key, value) in fields)
    {
        sb.Append(sb.Length > 1 ? "," : "").Append('"').Append(key).Append("\":\"")
          .Append(value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)).Append('"');
    }

    return sb.Append('}').ToString();
}
