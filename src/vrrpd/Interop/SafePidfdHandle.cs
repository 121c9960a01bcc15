using System.Runtime.InteropServices;
using Tmds.Linux;

namespace HaKube.Vrrpd.Interop;

/// <summary>Owns a pidfd (or any file descriptor of that kind) and closes it on release.</summary>
internal sealed class SafePidfdHandle : SafeHandle
{
    public SafePidfdHandle()
        : base(invalidHandleValue: -1, ownsHandle: true)
    {
    }

    internal SafePidfdHandle(int fd)
        : base(invalidHandleValue: -1, ownsHandle: true) => SetHandle(fd);

    public override bool IsInvalid => handle == -1;

    protected override bool ReleaseHandle() => LibC.close((int)handle) == 0;
}
