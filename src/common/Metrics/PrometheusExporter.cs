using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using HaKube.Common.Daemon;
using HaKube.Common.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace HaKube.Common.Metrics;

/// <summary>
/// Serves GET /metrics in the Prometheus text exposition format 0.0.4 from System.Diagnostics.Metrics instruments,
/// over a minimal HTTP/1.1 listener (one request per connection, then close); anything else gets 404 or 405.
/// </summary>
public sealed partial class PrometheusExporter : IAsyncDisposable
{
    /// <summary>The Content-Type of the text exposition format 0.0.4.</summary>
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    private const int MaxRequestHeadBytes = 8 * 1024;
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(5);

    private readonly PrometheusExporterOptions _options;
    private readonly ILogger _logger;
    private readonly MetricsCollector _collector;
    private readonly CancellationTokenSource _shutdown = new();
    private Socket? _listener;
    private SocketServer? _server;
    private bool _disposed;

    /// <summary>Starts listening to the meters at once (so no measurement is missed); call <see cref="Start"/> to serve.</summary>
    public PrometheusExporter(PrometheusExporterOptions options, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _logger = logger ?? NullLogger.Instance;
        _collector = new MetricsCollector(options.MeterNames);
    }

    /// <summary>The bound endpoint (the real port when 0 was asked for); null before <see cref="Start"/>.</summary>
    public IPEndPoint? LocalEndPoint => (IPEndPoint?)_listener?.LocalEndPoint;

    /// <summary>Binds and starts serving; throws <see cref="DaemonStartupException"/> when the endpoint is taken.</summary>
    public void Start()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_listener is not null)
        {
            throw new InvalidOperationException("already started");
        }

        var listener = new Socket(_options.Endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            listener.Bind(_options.Endpoint);
            listener.Listen(16);
        }
        catch (SocketException e)
        {
            listener.Dispose();
            throw new DaemonStartupException($"cannot serve metrics on {_options.Endpoint}: {e.Message} (choose another metrics port)", e);
        }

        _listener = listener;
        Log.Listening(_logger, LocalEndPoint!);
        _server = new SocketServer(_listener, _options.MaxConnections, ServeAsync, e => Log.AcceptFailed(_logger, e));
        _server.Start(_shutdown.Token);
    }

    /// <summary>The exposition text a scrape would return now.</summary>
    public string Collect() => _collector.Collect();

    /// <summary>Stops serving and listening to the meters.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        await _shutdown.CancelAsync();
        _listener?.Dispose();
        if (_server is not null)
        {
            await _server.WhenStoppedAsync();
        }
        _collector.Dispose();
        _shutdown.Dispose();
    }

    private async Task ServeAsync(Socket client, bool busy, CancellationToken cancellationToken)
    {
        try
        {
            await using var stream = new NetworkStream(client, ownsSocket: true);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(RequestTimeout);
            var requestLine = await ReadRequestLineAsync(stream, timeout.Token);
            var (status, body) = busy ? (503, "too many scrapes at once\n") : Route(requestLine);
            await WriteResponseAsync(stream, status, body, timeout.Token);
        }
        catch (OperationCanceledException)
        {
            // Shutting down, or a client that never finished its request.
        }
        catch (Exception e) when (e is IOException or SocketException or InvalidDataException)
        {
            Log.ScrapeFailed(_logger, e.Message);
        }
    }

    private (int Status, string Body) Route(string requestLine)
    {
        var parts = requestLine.Split(' ');
        if (parts.Length != 3 || !parts[2].StartsWith("HTTP/1.", StringComparison.Ordinal))
        {
            return (400, "bad request\n");
        }

        var path = parts[1].Split('?', 2)[0];
        if (path != "/metrics")
        {
            return (404, "not found: only /metrics is served\n");
        }

        return parts[0] == "GET" ? (200, Collect()) : (405, "method not allowed: use GET\n");
    }

    /// <summary>Reads the request head (up to the blank line) and returns its first line; headers are ignored.</summary>
    private static async Task<string> ReadRequestLineAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        var buffer = new byte[MaxRequestHeadBytes];
        var length = 0;
        while (buffer.AsSpan(0, length).IndexOf("\r\n\r\n"u8) < 0)
        {
            if (length == buffer.Length)
            {
                throw new InvalidDataException("request head too large");
            }

            var read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken);
            if (read == 0)
            {
                throw new InvalidDataException("connection closed before the end of the request head");
            }

            length += read;
        }

        var head = buffer.AsSpan(0, length);
        return Encoding.ASCII.GetString(head[..head.IndexOf("\r\n"u8)]);
    }

    private static async Task WriteResponseAsync(NetworkStream stream, int status, string body, CancellationToken cancellationToken)
    {
        var content = Encoding.UTF8.GetBytes(body);
        var reason = status switch
        {
            200 => "OK",
            400 => "Bad Request",
            404 => "Not Found",
            405 => "Method Not Allowed",
            _ => "Service Unavailable",
        };
        var head = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"HTTP/1.1 {status} {reason}\r\n")
            .Append("Content-Type: ").Append(status == 200 ? ContentType : "text/plain; charset=utf-8").Append("\r\n")
            .Append(CultureInfo.InvariantCulture, $"Content-Length: {content.Length}\r\n")
            .Append(status == 405 ? "Allow: GET\r\n" : "")
            .Append("Connection: close\r\n\r\n")
            .ToString();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head), cancellationToken);
        await stream.WriteAsync(content, cancellationToken);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 301, Level = LogLevel.Debug, Message = "metrics served on http://{Endpoint}/metrics")]
        public static partial void Listening(ILogger logger, IPEndPoint endpoint);

        [LoggerMessage(EventId = 302, Level = LogLevel.Warning, Message = "metrics accept failed; retrying")]
        public static partial void AcceptFailed(ILogger logger, Exception exception);

        [LoggerMessage(EventId = 303, Level = LogLevel.Debug, Message = "metrics scrape failed: {Reason}")]
        public static partial void ScrapeFailed(ILogger logger, string reason);
    }
}
