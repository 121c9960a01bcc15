using System.Buffers;
using System.Text.Json;

namespace HaKube.Common.Admin;

/// <summary>
/// The admin socket's wire format: one JSON object per '\n'-terminated line, UTF-8, both ways.
/// Request  {"command":"status","args":{...}}            args optional
/// Reply    {"ok":true,"result":...} | {"ok":false,"error":"text"}
/// Stream   {"command":"subscribe","topic":"readiness"} → a reply, then {"topic":"readiness","event":...} per change.
/// </summary>
internal static class AdminProtocol
{
    public const string Command = "command";
    public const string Args = "args";
    public const string Topic = "topic";
    public const string Ok = "ok";
    public const string Result = "result";
    public const string Error = "error";
    public const string Event = "event";
    public const string SubscribeCommand = "subscribe";

    public const int MaxRequestBytes = 64 * 1024;
    public const int MaxReplyBytes = 16 * 1024 * 1024;

    public static readonly JsonWriterOptions WriterOptions = new() { Indented = false, SkipValidation = false };

    /// <summary>Builds one line: the object written by <paramref name="body"/>, then '\n'.</summary>
    public static byte[] Line<TState>(TState state, Action<Utf8JsonWriter, TState> body)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            body(writer, state);
            writer.WriteEndObject();
        }

        buffer.Write("\n"u8);
        return buffer.WrittenSpan.ToArray();
    }

    public static byte[] ErrorLine(string message) => Line(message, static (w, m) =>
    {
        w.WriteBoolean(Ok, false);
        w.WriteString(Error, m);
    });
}
