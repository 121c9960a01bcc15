using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace HaKube.Common.Admin;

/// <summary>
/// A stream clients follow with {"command":"subscribe","topic":NAME}: each <see cref="Publish"/> reaches every
/// subscriber at once, and a new subscriber receives the latest value first. Publish full state, not deltas.
/// </summary>
public sealed class AdminTopic<T>
{
    private readonly AdminTopicCore _core;
    private readonly JsonTypeInfo<T> _type;

    internal AdminTopic(AdminTopicCore core, JsonTypeInfo<T> type)
    {
        _core = core;
        _type = type;
    }

    /// <summary>The topic's name.</summary>
    public string Name => _core.Name;

    /// <summary>How many clients follow the topic now.</summary>
    public int SubscriberCount => _core.SubscriberCount;

    /// <summary>Serialises <paramref name="value"/> once (with the daemon's source-generated type) and sends it to all subscribers.</summary>
    public void Publish(T value)
    {
        var line = AdminProtocol.Line((Name, value, _type), static (w, s) =>
        {
            w.WriteString(AdminProtocol.Topic, s.Name);
            w.WritePropertyName(AdminProtocol.Event);
            JsonSerializer.Serialize(w, s.value, s._type);
        });
        _core.Publish(line);
    }
}
