namespace HaKube.Tcplb.Logging;

/// <summary>
/// tcplb's stdout or stderr (HAProxy's <c>log stdout</c>, <c>log stderr</c>): each line in one write, so lines of the
/// journal console written beside it never interleave within a line. A full pipe only delays the log writer.
/// </summary>
internal sealed class StreamSink : LogSink
{
    private readonly Func<Stream> _open;
    private Stream? _stream;

    public StreamSink(string name, Func<Stream> open, TimeProvider time)
        : base(name, time)
    {
        _open = open;
    }

    protected override void Open() => _stream = _open();

    protected override bool TrySend(byte[] line)
    {
        _stream!.Write(line);
        _stream.Flush();
        return true;
    }

    protected override void Reset()
    {
        _stream?.Dispose();
        _stream = null;
    }
}
