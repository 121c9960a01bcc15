using System.Net.Sockets;
using System.Text.Json;

namespace HaKube.Common.Admin;

public sealed partial class AdminServer
{
    private static readonly byte[] TooManyConnections = AdminProtocol.ErrorLine("too many admin connections; try again");

    private static void Reject(Socket client, byte[] reply)
    {
        using (client)
        {
            try
            {
                client.Blocking = false;
                client.Send(reply);
            }
            catch (SocketException)
            {
                // The client left already; nothing to tell it.
            }
        }
    }

    private async Task ServeAsync(Socket client, bool overLimit, CancellationToken cancellationToken)
    {
        if (overLimit)
        {
            Reject(client, TooManyConnections);
            return;
        }

        // The socket file is open to all (see AdminServerOptions.SocketMode); the peer's credentials decide.
        var peer = PeerCredentials(client);
        if (peer is not { Uid: var uid } || (uid != 0 && uid != _ownUid))
        {
            var who = peer is { } p ? $"uid {p.Uid} (pid {p.Pid})" : "a peer of unknown uid";
            Log.PeerRefused(_logger, who, SocketPath, _ownUid);
            Reject(client, AdminProtocol.ErrorLine($"permission denied: {who} may not use {SocketPath}; root and uid {_ownUid} (the user {_options.DaemonName} runs as) may"));
            return;
        }

        try
        {
            await using var stream = new NetworkStream(client, ownsSocket: true);
            var reader = new LineReader(stream, AdminProtocol.MaxRequestBytes);
            while (await reader.ReadLineAsync(cancellationToken) is { } line)
            {
                if (await HandleAsync(line, stream, reader, cancellationToken) is not { } reply)
                {
                    return;
                }

                await stream.WriteAsync(reply, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down.
        }
        catch (Exception e) when (e is IOException or SocketException or InvalidDataException)
        {
            Log.ConnectionEnded(_logger, e.Message);
        }
    }

    /// <summary>The reply line for one request, or null when the connection became a subscription (now ended).</summary>
    private async ValueTask<byte[]?> HandleAsync(ReadOnlyMemory<byte> line, NetworkStream stream, LineReader reader, CancellationToken cancellationToken)
    {
        JsonDocument request;
        try
        {
            request = JsonDocument.Parse(line);
        }
        catch (JsonException e)
        {
            return AdminProtocol.ErrorLine($"malformed request: {e.Message}");
        }

        using (request)
        {
            var root = request.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty(AdminProtocol.Command, out var commandElement)
                || commandElement.ValueKind != JsonValueKind.String)
            {
                return AdminProtocol.ErrorLine("malformed request: expected {\"command\":\"NAME\",\"args\":{...}}");
            }

            var command = commandElement.GetString()!;
            if (command == AdminProtocol.SubscribeCommand)
            {
                var topicName = root.TryGetProperty(AdminProtocol.Topic, out var t) && t.ValueKind == JsonValueKind.String ? t.GetString()! : "";
                if (!_topics.TryGetValue(topicName, out var topic))
                {
                    return AdminProtocol.ErrorLine($"unknown topic '{topicName}' (topics: {string.Join(", ", _topics.Keys)})");
                }

                await StreamAsync(topic, stream, reader, cancellationToken);
                return null;
            }

            if (!_commands.TryGetValue(command, out var invoker))
            {
                return AdminProtocol.ErrorLine($"unknown command '{command}' (commands: {string.Join(", ", _commands.Keys.Order(StringComparer.Ordinal))})");
            }

            var args = root.TryGetProperty(AdminProtocol.Args, out var a) ? a : default;
            try
            {
                var write = await invoker(args, cancellationToken);
                return AdminProtocol.Line(write, static (w, write) =>
                {
                    w.WriteBoolean(AdminProtocol.Ok, true);
                    w.WritePropertyName(AdminProtocol.Result);
                    write(w);
                });
            }
            catch (AdminCommandException e)
            {
                return AdminProtocol.ErrorLine(e.Message);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception e)
            {
                // A bug in a handler: the daemon keeps running, the client learns the command failed.
                Log.HandlerFailed(_logger, command, e);
                return AdminProtocol.ErrorLine($"'{command}' failed inside {_options.DaemonName}: {e.GetType().Name}: {e.Message}");
            }
        }
    }

    private async Task StreamAsync(AdminTopicCore topic, NetworkStream stream, LineReader reader, CancellationToken cancellationToken)
    {
        var subscription = topic.Subscribe();
        using var ended = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);

        // A subscriber only listens: anything it sends, or its hang-up, ends the stream.
        var hangup = WatchHangupAsync(reader, ended);
        try
        {
            await stream.WriteAsync(SubscribedLine(topic.Name), ended.Token);
            Log.Subscribed(_logger, topic.Name);
            await foreach (var eventLine in subscription.Reader.ReadAllAsync(ended.Token))
            {
                await stream.WriteAsync(eventLine, ended.Token);
            }
        }
        catch (OperationCanceledException) when (ended.IsCancellationRequested)
        {
            // Client gone or server stopping.
        }
        finally
        {
            topic.Unsubscribe(subscription);
            await ended.CancelAsync();
            await hangup;
        }
    }

    private static async Task WatchHangupAsync(LineReader reader, CancellationTokenSource ended)
    {
        try
        {
            await reader.ReadLineAsync(ended.Token);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or SocketException or InvalidDataException or ObjectDisposedException)
        {
            // Any end of the read side ends the subscription.
        }

        await ended.CancelAsync();
    }

    private static byte[] SubscribedLine(string topic) => AdminProtocol.Line(topic, static (w, t) =>
    {
        w.WriteBoolean(AdminProtocol.Ok, true);
        w.WriteStartObject(AdminProtocol.Result);
        w.WriteString(AdminProtocol.Topic, t);
        w.WriteEndObject();
    });
}
