using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace HaKube.Common.Admin;

/// <summary>
/// Talks to a daemon's admin socket: one request and its reply per connection, or a subscription that yields an event
/// per change. Every failure is an <see cref="AdminClientException"/> with a message a CLI can print before exiting
/// non-zero.
/// </summary>
public static class AdminClient
{
    /// <summary>Sends <paramref name="command"/> with optional raw <paramref name="args"/>; returns the result.</summary>
    public static async Task<JsonElement> RequestAsync(
        string socketPath, string command, JsonElement? args = null, AdminClientOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(command);
        var request = AdminProtocol.Line((command, args), static (w, s) =>
        {
            w.WriteString(AdminProtocol.Command, s.command);
            if (s.args is { } a)
            {
                w.WritePropertyName(AdminProtocol.Args);
                a.WriteTo(w);
            }
        });
        return await ExchangeAsync(socketPath, command, request, options ?? AdminClientOptions.Default, cancellationToken);
    }

    /// <summary>Sends <paramref name="command"/> without arguments; reads the result as <typeparamref name="TResult"/>.</summary>
    public static async Task<TResult> RequestAsync<TResult>(
        string socketPath, string command, JsonTypeInfo<TResult> resultType, AdminClientOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(resultType);
        var result = await RequestAsync(socketPath, command, null, options, cancellationToken);
        return Convert(socketPath, command, result, resultType, options);
    }

    /// <summary>Sends <paramref name="command"/> with typed arguments; reads the result as <typeparamref name="TResult"/>.</summary>
    public static async Task<TResult> RequestAsync<TArgs, TResult>(
        string socketPath,
        string command,
        TArgs args,
        JsonTypeInfo<TArgs> argsType,
        JsonTypeInfo<TResult> resultType,
        AdminClientOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(argsType);
        ArgumentNullException.ThrowIfNull(resultType);
        var result = await RequestAsync(socketPath, command, JsonSerializer.SerializeToElement(args, argsType), options, cancellationToken);
        return Convert(socketPath, command, result, resultType, options);
    }

    /// <summary>
    /// Follows <paramref name="topic"/>: yields the current state first, then one event per change, without polling.
    /// Ends with <see cref="AdminErrorKind.Disconnected"/> when the daemon goes away; cancel to stop following.
    /// </summary>
    public static async IAsyncEnumerable<JsonElement> SubscribeAsync(
        string socketPath, string topic, AdminClientOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(topic);
        options ??= AdminClientOptions.Default;
        var request = AdminProtocol.Line(topic, static (w, t) =>
        {
            w.WriteString(AdminProtocol.Command, AdminProtocol.SubscribeCommand);
            w.WriteString(AdminProtocol.Topic, t);
        });
        var what = $"subscribe {topic}";

        using var socket = await ConnectAsync(socketPath, what, options, cancellationToken);
        await using var stream = new NetworkStream(socket, ownsSocket: false);
        var reader = new LineReader(stream, AdminProtocol.MaxReplyBytes);
        using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            timeout.CancelAfter(options.Timeout);
            try
            {
                await stream.WriteAsync(request, timeout.Token);
                var confirmation = await ReadLineAsync(reader, socketPath, what, options, timeout.Token);
                using var document = Parse(socketPath, what, confirmation, options);
                _ = Result(socketPath, what, document.RootElement, options);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw TimedOut(socketPath, what, options);
            }
        }

        while (true)
        {
            var line = await ReadLineAsync(reader, socketPath, what, options, cancellationToken);
            using var document = Parse(socketPath, what, line, options);
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty(AdminProtocol.Event, out var data))
            {
                throw new AdminClientException(AdminErrorKind.ProtocolError, $"{Name(socketPath, options)} sent an event without \"event\": {Preview(line)}");
            }

            yield return data.Clone();
        }
    }

    /// <summary>Follows <paramref name="topic"/>, reading each event as <typeparamref name="T"/>.</summary>
    public static async IAsyncEnumerable<T> SubscribeAsync<T>(
        string socketPath,
        string topic,
        JsonTypeInfo<T> eventType,
        AdminClientOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventType);
        await foreach (var element in SubscribeAsync(socketPath, topic, options, cancellationToken))
        {
            yield return Convert(socketPath, $"subscribe {topic}", element, eventType, options);
        }
    }

    private static async Task<JsonElement> ExchangeAsync(
        string socketPath, string command, byte[] request, AdminClientOptions options, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Timeout);
        try
        {
            using var socket = await ConnectAsync(socketPath, command, options, timeout.Token);
            await using var stream = new NetworkStream(socket, ownsSocket: false);
            await stream.WriteAsync(request, timeout.Token);
            var line = await ReadLineAsync(new LineReader(stream, AdminProtocol.MaxReplyBytes), socketPath, command, options, timeout.Token);
            using var document = Parse(socketPath, command, line, options);
            return Result(socketPath, command, document.RootElement, options).Clone();
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw TimedOut(socketPath, command, options);
        }
    }

    private static async Task<Socket> ConnectAsync(string socketPath, string what, AdminClientOptions options, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(socketPath);
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), cancellationToken);
            return socket;
        }
        catch (SocketException e)
        {
            socket.Dispose();
            var name = Name(socketPath, options);
            throw e.SocketErrorCode switch
            {
                // ENOENT surfaces as AddressNotAvailable for unix sockets.
                SocketError.AddressNotAvailable or SocketError.HostNotFound
                    => new AdminClientException(AdminErrorKind.NotRunning, $"{name} is not running (no admin socket at {socketPath})", e),
                SocketError.ConnectionRefused
                    => new AdminClientException(AdminErrorKind.NotRunning, $"{name} is not running (nothing listens on {socketPath}; a stale socket from a crashed {name}?)", e),
                SocketError.AccessDenied
                    => new AdminClientException(AdminErrorKind.PermissionDenied, $"permission denied on {name}'s admin socket {socketPath} (run as root)", e),
                _ => new AdminClientException(AdminErrorKind.NotRunning, $"cannot reach {name} at {socketPath} for '{what}': {e.Message}", e),
            };
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private static async Task<ReadOnlyMemory<byte>> ReadLineAsync(
        LineReader reader, string socketPath, string what, AdminClientOptions options, CancellationToken cancellationToken)
    {
        try
        {
            return await reader.ReadLineAsync(cancellationToken) is { } line
                ? line
                : throw Disconnected(socketPath, what, options, null);
        }
        catch (Exception e) when (e is IOException or SocketException or InvalidDataException)
        {
            throw Disconnected(socketPath, what, options, e);
        }
    }

    private static JsonDocument Parse(string socketPath, string what, ReadOnlyMemory<byte> line, AdminClientOptions? options)
    {
        try
        {
            return JsonDocument.Parse(line);
        }
        catch (JsonException e)
        {
            throw new AdminClientException(AdminErrorKind.ProtocolError, $"{Name(socketPath, options)} answered '{what}' with malformed JSON: {e.Message}", e);
        }
    }

    private static JsonElement Result(string socketPath, string what, JsonElement reply, AdminClientOptions? options)
    {
        if (reply.ValueKind != JsonValueKind.Object || !reply.TryGetProperty(AdminProtocol.Ok, out var ok) || ok.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            throw new AdminClientException(AdminErrorKind.ProtocolError, $"{Name(socketPath, options)} answered '{what}' without \"ok\"");
        }

        if (ok.ValueKind == JsonValueKind.False)
        {
            var error = reply.TryGetProperty(AdminProtocol.Error, out var e) && e.ValueKind == JsonValueKind.String ? e.GetString() : "unspecified error";
            throw new AdminClientException(AdminErrorKind.CommandFailed, $"{Name(socketPath, options)}: {error}");
        }

        return reply.TryGetProperty(AdminProtocol.Result, out var result) ? result : default;
    }

    private static T Convert<T>(string socketPath, string what, JsonElement element, JsonTypeInfo<T> type, AdminClientOptions? options)
    {
        try
        {
            return element.Deserialize(type) ?? throw new JsonException("null");
        }
        catch (JsonException e)
        {
            throw new AdminClientException(AdminErrorKind.ProtocolError, $"{Name(socketPath, options)} answered '{what}' with an unexpected shape: {e.Message}", e);
        }
    }

    private static AdminClientException TimedOut(string socketPath, string what, AdminClientOptions options) =>
        new(AdminErrorKind.Timeout, $"{Name(socketPath, options)} did not answer '{what}' within {options.Timeout.TotalSeconds:0.###} s (admin socket {socketPath})");

    private static AdminClientException Disconnected(string socketPath, string what, AdminClientOptions options, Exception? cause) =>
        new(AdminErrorKind.Disconnected, $"{Name(socketPath, options)} closed the admin connection during '{what}' ({socketPath})", cause);

    internal static string Name(string socketPath, AdminClientOptions? options)
    {
        if (options?.DaemonName is { Length: > 0 } name)
        {
            return name;
        }

        var directory = Path.GetFileName(Path.GetDirectoryName(socketPath.TrimEnd('/')));
        return string.IsNullOrEmpty(directory) ? "the daemon" : directory;
    }

    private static string Preview(ReadOnlyMemory<byte> line) =>
        System.Text.Encoding.UTF8.GetString(line.Span[..Math.Min(line.Length, 200)]);
}
