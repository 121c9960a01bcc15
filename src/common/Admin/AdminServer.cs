using HaKube.Common.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace HaKube.Common.Admin;

/// <summary>
/// The daemon's admin socket: a unix stream socket speaking newline-delimited JSON. The daemon maps commands to
/// handlers (typed through its own source-generated JsonSerializerContext) and publishes topics clients can follow.
/// Handlers run concurrently, one per connection: hand work to the daemon's event loop if its state is not thread-safe.
/// </summary>
public sealed partial class AdminServer : IAsyncDisposable
{
    // A handler runs, then returns how to write its result; serialisation happens apart so a failing handler
    // never leaves half a reply behind.
    private delegate ValueTask<Action<Utf8JsonWriter>> Invoker(JsonElement args, CancellationToken cancellationToken);

    private readonly AdminServerOptions _options;
    private readonly ILogger _logger;
    private readonly uint _ownUid = Interop.LibC.geteuid();
    private readonly Dictionary<string, Invoker> _commands = new(StringComparer.Ordinal);
    private readonly Dictionary<string, AdminTopicCore> _topics = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _shutdown = new();
    private Socket? _listener;
    private SocketServer? _server;
    private (ulong Device, ulong Inode)? _socketIdentity;
    private bool _disposed;

    /// <summary>Creates the server; map commands and add topics, then <see cref="Start"/>.</summary>
    public AdminServer(AdminServerOptions options, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _logger = logger ?? NullLogger.Instance;
        _commands["ping"] = Ping;
        _commands["help"] = Help;
    }

    /// <summary>The socket's path.</summary>
    public string SocketPath => _options.SocketPath;

    /// <summary>Maps a command without arguments (any sent are ignored).</summary>
    public void Map<TResult>(string command, JsonTypeInfo<TResult> resultType, Func<CancellationToken, ValueTask<TResult>> handler)
    {
        ArgumentNullException.ThrowIfNull(resultType);
        ArgumentNullException.ThrowIfNull(handler);
        Add(command, async (_, cancellationToken) =>
        {
            var result = await handler(cancellationToken);
            return w => JsonSerializer.Serialize(w, result, resultType);
        });
    }

    /// <summary>Maps a command whose "args" object is read as <typeparamref name="TArgs"/> (absent args read as {}).</summary>
    public void Map<TArgs, TResult>(
        string command, JsonTypeInfo<TArgs> argsType, JsonTypeInfo<TResult> resultType, Func<TArgs, CancellationToken, ValueTask<TResult>> handler)
    {
        ArgumentNullException.ThrowIfNull(argsType);
        ArgumentNullException.ThrowIfNull(resultType);
        ArgumentNullException.ThrowIfNull(handler);
        Add(command, async (args, cancellationToken) =>
        {
            var typedArgs = ReadArgs(command, args, argsType);
            var result = await handler(typedArgs, cancellationToken);
            return w => JsonSerializer.Serialize(w, result, resultType);
        });
    }

    /// <summary>Maps a command on raw JSON: the handler gets "args" (Undefined when absent) and returns the result.</summary>
    public void Map(string command, Func<JsonElement, CancellationToken, ValueTask<JsonElement>> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        Add(command, async (args, cancellationToken) =>
        {
            var result = await handler(args, cancellationToken);
            return result.WriteTo;
        });
    }

    /// <summary>Adds a topic clients can subscribe to; events are serialised with <paramref name="eventType"/>.</summary>
    public AdminTopic<T> AddTopic<T>(string name, JsonTypeInfo<T> eventType)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(eventType);
        ThrowIfStarted();
        var core = new AdminTopicCore(name);
        if (!_topics.TryAdd(name, core))
        {
            throw new InvalidOperationException($"topic '{name}' is already added");
        }

        return new AdminTopic<T>(core, eventType);
    }

    /// <summary>
    /// Binds the socket (replacing a stale one left by a crashed daemon), sets its mode and starts accepting.
    /// Throws <see cref="Daemon.DaemonStartupException"/> when a live daemon serves the path or it cannot be bound.
    /// </summary>
    public void Start()
    {
        ThrowIfStarted();
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException();
        }

        RemoveStaleSocket();
        _listener = Bind();
        _socketIdentity = Interop.LibC.FileIdentity(SocketPath);
        Log.Listening(_logger, SocketPath);
        _server = new SocketServer(_listener, _options.MaxConnections, ServeAsync, e => Log.AcceptFailed(_logger, e));
        _server.Start(_shutdown.Token);
    }

    /// <summary>Stops accepting, ends every connection and subscription, and removes the socket file.</summary>
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

        // .NET already unlinks a socket path it bound when the socket is disposed; this covers the case where it
        // did not, and only for our own file: never unlink a socket another instance bound after us.
        if (_socketIdentity is { } ours && Interop.LibC.FileIdentity(SocketPath) == ours)
        {
            File.Delete(SocketPath);
        }

        _shutdown.Dispose();
    }

    private void Add(string command, Invoker invoker)
    {
        ArgumentException.ThrowIfNullOrEmpty(command);
        ThrowIfStarted();
        if (command == AdminProtocol.SubscribeCommand || !_commands.TryAdd(command, invoker))
        {
            throw new InvalidOperationException($"command '{command}' is already mapped");
        }
    }

    private void ThrowIfStarted()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_listener is not null)
        {
            throw new InvalidOperationException("map commands and add topics before Start()");
        }
    }

    private static TArgs ReadArgs<TArgs>(string command, JsonElement args, JsonTypeInfo<TArgs> argsType)
    {
        try
        {
            var value = args.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null
                ? JsonSerializer.Deserialize("{}"u8, argsType)
                : args.Deserialize(argsType);
            return value ?? throw new AdminCommandException($"'{command}' needs arguments");
        }
        catch (JsonException e)
        {
            throw new AdminCommandException($"invalid arguments for '{command}': {e.Message}", e);
        }
    }

    private ValueTask<Action<Utf8JsonWriter>> Ping(JsonElement args, CancellationToken cancellationToken) =>
        ValueTask.FromResult<Action<Utf8JsonWriter>>(w =>
        {
            w.WriteStartObject();
            w.WriteString("daemon", _options.DaemonName);
            w.WriteNumber("pid", Environment.ProcessId);
            w.WriteEndObject();
        });

    private ValueTask<Action<Utf8JsonWriter>> Help(JsonElement args, CancellationToken cancellationToken) =>
        ValueTask.FromResult<Action<Utf8JsonWriter>>(w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("commands");
            foreach (var name in _commands.Keys.Order(StringComparer.Ordinal))
            {
                w.WriteStringValue(name);
            }

            w.WriteEndArray();
            w.WriteStartArray("topics");
            foreach (var name in _topics.Keys.Order(StringComparer.Ordinal))
            {
                w.WriteStringValue(name);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        });
}
