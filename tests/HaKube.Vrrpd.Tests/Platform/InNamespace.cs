using System.Runtime.InteropServices;
using HaKube.NetLab;
using Tmds.Linux;

namespace HaKube.Vrrpd.Tests.Platform;

/// <summary>
/// Runs code on a fresh thread that has entered a lab host's network namespace, so the sockets it creates
/// (raw, netlink, packet) belong to that host; they stay there when used from other threads afterwards.
/// </summary>
internal static class InNamespace
{
    public static Task<T> RunAsync<T>(LabHost host, Func<T> create) => RunAsync(host.Namespace, create);

    public static Task<T> RunAsync<T>(string networkNamespace, Func<T> create)
    {
        var result = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                using (var ns = File.OpenHandle($"/run/netns/{networkNamespace}"))
                {
                    if (LibC.setns((int)ns.DangerousGetHandle(), LibC.CLONE_NEWNET) != 0)
                    {
                        throw new InvalidOperationException($"setns into {networkNamespace} failed with errno {Marshal.GetLastPInvokeError()}");
                    }
                }

                result.SetResult(create());
            }
#pragma warning disable CA1031 // Handed to the awaiting test.
            catch (Exception e)
#pragma warning restore CA1031
            {
                result.SetException(e);
            }
        })
        { IsBackground = true, Name = "in " + networkNamespace };
        thread.Start();
        return result.Task;
    }
}
