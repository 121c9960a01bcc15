using HaKube.NetLab;

namespace HaKube.Vrrpd.Tests.Platform;

/// <summary>Creates sockets inside a lab host's network namespace (see <see cref="LabHost.InNamespaceAsync{T}"/>).</summary>
internal static class InNamespace
{
    public static Task<T> RunAsync<T>(LabHost host, Func<T> create) => host.InNamespaceAsync(create);
}
