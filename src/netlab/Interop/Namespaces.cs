using System.Runtime.InteropServices;
using Tmds.Linux;

namespace HaKube.NetLab.Interop;

internal static class Namespaces
{
    /// <summary>Runs <paramref name="work"/> on a new thread after setns(2) into /run/netns/<paramref name="name"/>.</summary>
    internal static Task<T> RunInNetworkNamespaceAsync<T>(string name, Func<T> work)
    {
        var result = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                using (var ns = File.OpenHandle($"/run/netns/{name}"))
                {
                    if (LibC.setns((int)ns.DangerousGetHandle(), LibC.CLONE_NEWNET) != 0)
                    {
                        throw new LabException($"setns into network namespace {name} failed with errno {Marshal.GetLastPInvokeError()}");
                    }
                }

                result.SetResult(work());
            }
#pragma warning disable CA1031 // Every failure is handed to the awaiting caller.
            catch (Exception e)
#pragma warning restore CA1031
            {
                result.SetException(e);
            }
        })
        { IsBackground = true, Name = "netns " + name };
        thread.Start();
        return result.Task;
    }
}
