using System.Globalization;

namespace HaKube.Tcplb.Configuration;

/// <summary>
/// What <c>tcplb --check</c> says besides errors and warnings: where tcplb runs a valid file differently from HAProxy on
/// purpose, one line each, "FILE:LINE: note: MESSAGE".
/// </summary>
internal static class ConfigNotes
{
    public static IEnumerable<string> For(TcplbOptions options)
    {
        if (options.Format != ConfigFormat.Haproxy)
        {
            yield break;
        }

        foreach (var backend in options.Backends)
        {
            // The field is recorded wherever the file said it: the backend itself or the defaults it copies.
            if (!backend.Source.Fields.ContainsKey("Retry.Redispatch"))
            {
                yield return string.Create(
                    CultureInfo.InvariantCulture,
                    $"{backend.Source.File}:{backend.Source.Line}: note: backend '{backend.Name}' has no 'option redispatch': tcplb redispatches anyway (a failed connect is retried at once on another server); 'no option redispatch' turns it off");
            }
        }
    }
}
