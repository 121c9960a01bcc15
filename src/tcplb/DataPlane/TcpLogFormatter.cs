using System.Globalization;
using System.Text;

namespace HaKube.Tcplb.DataPlane;

/// <summary>
/// Formats an entry as HAProxy's "option tcplog" does (configuration.txt 8.2.2):
/// <c>%ci:%cp [%t] %ft %b/%s %Tw/%Tc/%Tt %B %ts %ac/%fc/%bc/%sc/%rc %sq/%bq</c>, without the syslog header.
/// </summary>
internal static class TcpLogFormatter
{
    public static string Format(ConnectionLogEntry e)
    {
        var c = CultureInfo.InvariantCulture;
        var sb = new StringBuilder(160);
        // HAProxy prints IPv6 clients without brackets ("::1:40000"); an IPv4-mapped address is shown as IPv4.
        var address = e.Client.Address.IsIPv4MappedToIPv6 ? e.Client.Address.MapToIPv4() : e.Client.Address;
        sb.Append(address.ToString())
          .Append(':').Append(e.Client.Port.ToString(c))
          .Append(" [").Append(e.AcceptDate.ToString("dd/MMM/yyyy:HH:mm:ss.fff", c)).Append("] ")
          .Append(e.Frontend).Append(' ')
          .Append(e.Backend).Append('/').Append(e.Server).Append(' ')
          .Append(e.QueueMilliseconds.ToString(c)).Append('/')
          .Append(e.ConnectMilliseconds.ToString(c)).Append('/')
          .Append(e.TotalMilliseconds.ToString(c)).Append(' ')
          .Append(e.BytesRead.ToString(c)).Append(' ')
          .Append(e.Termination.Cause).Append(e.Termination.Phase).Append(' ')
          .Append(e.ActiveConnections.ToString(c)).Append('/')
          .Append(e.FrontendConnections.ToString(c)).Append('/')
          .Append(e.BackendConnections.ToString(c)).Append('/')
          .Append(e.ServerConnections.ToString(c)).Append('/')
          .Append(e.Retries.ToString(c)).Append(' ')
          .Append(e.ServerQueue.ToString(c)).Append('/')
          .Append(e.BackendQueue.ToString(c));
        return sb.ToString();
    }
}
