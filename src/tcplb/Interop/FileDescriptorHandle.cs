using System.Runtime.InteropServices;
using Tmds.Linux;

namespace HaKube.Tcplb.Interop;

/// <summary>Owns a long-lived descriptor (epoll, eventfd, listening socket); per-connection descriptors stay plain ints in pooled state.</summary>
internal sealed class FileDescriptorHandle : SafeHandle
{
    public FileDescriptorHandle(int fd, bool ownsHandle = true)
        : base(new IntPtr(-1), ownsHandle) => SetHandle(new IntPtr(fd));

    public override bool IsInvalid => handle.ToInt64() < 0;

    /// <summary>The descriptor number; valid while the handle is not closed.</summary>
    public int Fd => (int)handle.ToInt64();

    protected override bool ReleaseHandle() => LibC.close((int)handle.ToInt64()) == 0;
}
