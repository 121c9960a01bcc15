using System.Net;

namespace HaKube.Bench.DataPlane;

/// <summary>
/// How long each request and its answer spend inside a balancer, from the segments seen on the balancer's own interface:
/// a segment from the client is matched with the segment the balancer sends a backend carrying the same bytes (TLS
/// passes through untouched, so the ciphertext is the same, and every TLS record differs from every other), and a
/// backend's segment with the one sent on to the client. The client's and the backend's own time (wrk, nginx) are not
/// in it, so the balancers' hop is measured without the end-to-end noise that drowns it. Pure: fed one segment at a
/// time, in capture order.
/// </summary>
internal sealed class HopMatcher(IPAddress balancer, IPAddress client, int port)
{
    private readonly Dictionary<string, Queue<(long At, int ClientPort)>> _fromClient = [];
    private readonly Dictionary<string, Queue<long>> _fromBackend = [];
    private readonly Dictionary<int, List<Passage>> _byConnection = [];

    /// <summary>A silence on one client port longer than this starts another connection (wrk's next run got the port again).</summary>
    public static TimeSpan Reuse { get; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Segments the balancer sent the client with no matching segment from a backend.</summary>
    public int UnmatchedAnswers { get; private set; }

    /// <summary>Segments from the client never seen leaving towards a backend.</summary>
    public int UnforwardedRequests => _fromClient.Values.Sum(q => q.Count);

    /// <summary>Segments with payload to or from the client that found their twin.</summary>
    public int Matched { get; private set; }

    /// <summary>
    /// One segment: its capture time <paramref name="at"/> in ns, its addresses and ports, its TCP payload's length and
    /// the payload's first bytes (as many as the capture kept, the same number for both twins).
    /// </summary>
    public void Add(long at, IPAddress source, int sourcePort, IPAddress destination, int destinationPort, int length, ReadOnlySpan<byte> prefix)
    {
        if (length <= 0)
        {
            return;
        }

        var key = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{length}:{Convert.ToHexString(prefix)}");
        var fromClient = source.Equals(client);
        var toClient = destination.Equals(client);
        if (fromClient && destination.Equals(balancer) && destinationPort == port)
        {
            Queue(_fromClient, key).Enqueue((at, sourcePort));
        }
        else if (source.Equals(balancer) && !toClient)
        {
            // Health checks leave this way too, with nothing from the client to match: not a hop.
            if (_fromClient.TryGetValue(key, out var waiting) && waiting.TryDequeue(out var request))
            {
                Record(request.ClientPort, request.At, toBackend: true, at - request.At);
            }
        }
        else if (destination.Equals(balancer) && !fromClient)
        {
            Queue(_fromBackend, key).Enqueue(at);
        }
        else if (source.Equals(balancer) && toClient && sourcePort == port)
        {
            if (_fromBackend.TryGetValue(key, out var waiting) && waiting.TryDequeue(out var arrived))
            {
                Record(destinationPort, arrived, toBackend: false, at - arrived);
            }
            else
            {
                UnmatchedAnswers++;
            }
        }
    }

    /// <summary>
    /// Per client connection with at least <paramref name="minimum"/> exchanges, each exchange's time in the balancer in
    /// µs: a request's passage plus its answer's. Segments in a row going the same way form one flight, which has passed
    /// when its slowest segment has (one request in flight at a time, as wrk -c1 sends them). A pause of more than
    /// <see cref="Reuse"/> on one client port is a new connection that reused the port.
    /// </summary>
    public IReadOnlyList<double[]> Exchanges(int minimum)
    {
        var connections = new List<List<Passage>>();
        foreach (var passages in _byConnection.Values)
        {
            passages.Sort((a, b) => a.At.CompareTo(b.At));
            var start = 0;
            for (var i = 1; i <= passages.Count; i++)
            {
                if (i == passages.Count || passages[i].At - passages[i - 1].At > Reuse.Ticks * 100)
                {
                    connections.Add(passages[start..i]);
                    start = i;
                }
            }
        }

        var result = new List<double[]>();
        foreach (var passages in connections.OrderBy(c => c[0].At))
        {
            var flights = new List<(bool ToBackend, long Residence)>();
            foreach (var p in passages)
            {
                if (flights.Count > 0 && flights[^1].ToBackend == p.ToBackend)
                {
                    flights[^1] = (p.ToBackend, Math.Max(flights[^1].Residence, p.Residence));
                }
                else
                {
                    flights.Add((p.ToBackend, p.Residence));
                }
            }

            var exchanges = new List<double>();
            for (var i = 0; i + 1 < flights.Count; i++)
            {
                if (flights[i].ToBackend && !flights[i + 1].ToBackend)
                {
                    exchanges.Add((flights[i].Residence + flights[i + 1].Residence) / 1000.0);
                    i++;
                }
            }

            if (exchanges.Count >= minimum)
            {
                result.Add([.. exchanges]);
            }
        }

        return result;
    }

    private void Record(int clientPort, long at, bool toBackend, long residence)
    {
        Matched++;
        if (!_byConnection.TryGetValue(clientPort, out var passages))
        {
            _byConnection[clientPort] = passages = [];
        }

        passages.Add(new Passage(at, toBackend, residence));
    }

    private static Queue<T> Queue<T>(Dictionary<string, Queue<T>> queues, string key)
    {
        if (!queues.TryGetValue(key, out var queue))
        {
            queues[key] = queue = new Queue<T>();
        }

        return queue;
    }

    /// <summary>A segment's arrival on the balancer's interface and how long until its twin left.</summary>
    private readonly record struct Passage(long At, bool ToBackend, long Residence);
}
