namespace HaKube.Common.Admin;

/// <summary>Reads '\n'-terminated lines from a stream into one reusable buffer, refusing lines over a size limit.</summary>
internal sealed class LineReader
{
    private readonly Stream _stream;
    private readonly int _maxLineBytes;
    private byte[] _buffer;
    private int _start;
    private int _end;

    public LineReader(Stream stream, int maxLineBytes)
    {
        _stream = stream;
        _maxLineBytes = maxLineBytes;
        _buffer = new byte[Math.Min(4096, maxLineBytes + 1)];
    }

    /// <summary>
    /// The next line without its '\n' (valid until the next call), or null at end of stream. Throws
    /// <see cref="InvalidDataException"/> for a line over the limit or a stream that ends mid-line.
    /// </summary>
    public async ValueTask<ReadOnlyMemory<byte>?> ReadLineAsync(CancellationToken cancellationToken)
    {
        var scanned = _start;
        while (true)
        {
            var newline = Array.IndexOf(_buffer, (byte)'\n', scanned, _end - scanned);
            if (newline >= 0)
            {
                var line = new ReadOnlyMemory<byte>(_buffer, _start, newline - _start);
                _start = newline + 1;
                return line;
            }

            scanned = _end;
            if (_end - _start > _maxLineBytes)
            {
                throw new InvalidDataException($"line longer than {_maxLineBytes} bytes");
            }

            MakeRoom(ref scanned);
            var read = await _stream.ReadAsync(_buffer.AsMemory(_end), cancellationToken);
            if (read == 0)
            {
                return _end == _start ? null : throw new InvalidDataException("connection closed in the middle of a line");
            }

            _end += read;
        }
    }

    private void MakeRoom(ref int scanned)
    {
        if (_end < _buffer.Length)
        {
            return;
        }

        var pending = _end - _start;
        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, pending);
        }
        else
        {
            Array.Resize(ref _buffer, Math.Min(_buffer.Length * 2, _maxLineBytes + 1));
        }

        scanned -= _start;
        _start = 0;
        _end = pending;
    }
}
