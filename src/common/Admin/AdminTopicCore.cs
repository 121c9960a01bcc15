using System.Threading.Channels;

namespace HaKube.Common.Admin;

/// <summary>
/// Fan-out of one topic's event lines to its subscribers. Events carry full state, so a slow subscriber may lose
/// intermediate ones (its queue drops the oldest) but always ends on the latest; a new subscriber gets the current
/// state first.
/// </summary>
internal sealed class AdminTopicCore(string name)
{
    private const int QueueLength = 32;

    private readonly Lock _gate = new();
    private readonly HashSet<Channel<byte[]>> _subscribers = [];
    private byte[]? _current;

    public string Name { get; } = name;

    public int SubscriberCount
    {
        get
        {
            lock (_gate)
            {
                return _subscribers.Count;
            }
        }
    }

    public void Publish(byte[] eventLine)
    {
        lock (_gate)
        {
            _current = eventLine;
            foreach (var subscriber in _subscribers)
            {
                subscriber.Writer.TryWrite(eventLine);
            }
        }
    }

    public Channel<byte[]> Subscribe()
    {
        var channel = Channel.CreateBounded<byte[]>(new BoundedChannelOptions(QueueLength)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleReader = true,
        });
        lock (_gate)
        {
            if (_current is not null)
            {
                channel.Writer.TryWrite(_current);
            }

            _subscribers.Add(channel);
        }

        return channel;
    }

    public void Unsubscribe(Channel<byte[]> channel)
    {
        lock (_gate)
        {
            _subscribers.Remove(channel);
        }

        channel.Writer.TryComplete();
    }
}
