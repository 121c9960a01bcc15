using System.Net.NetworkInformation;
using HaKube.Vrrpd.Interop;
using HaKube.Vrrpd.Platform;
using HaKube.Vrrpd.Tracking;

namespace HaKube.Vrrpd.Tests.Tracking;

/// <summary>A link state source driven by the test: set the dump's answer, raise events by hand.</summary>
internal sealed class FakeLinks : ILinkStateSource
{
    private TaskCompletionSource<LinkInfo?>? _gate;

    public event EventHandler<LinkInfo>? LinkChanged;

    public event EventHandler<LinkInfo>? LinkRemoved;

    public event EventHandler? Overrun;

    /// <summary>What GetLinkAsync answers.</summary>
    public LinkInfo? Current { get; set; }

    public int Reads { get; private set; }

    public bool HasSubscribers => LinkChanged is not null;

    public static LinkInfo Up(string name = "eth0", int index = 2) =>
        new(index, name, Rtnl.IffUp | Rtnl.IffRunning | Rtnl.IffLowerUp, LinkOperationalState.Up, PhysicalAddress.None);

    public static LinkInfo NoCarrier(string name = "eth0", int index = 2) =>
        new(index, name, Rtnl.IffUp, LinkOperationalState.LowerLayerDown, PhysicalAddress.None);

    /// <summary>Makes the next read wait until <see cref="ReleaseRead"/>.</summary>
    public void HoldReads() => _gate = new TaskCompletionSource<LinkInfo?>(TaskCreationOptions.RunContinuationsAsynchronously);

    public void ReleaseRead(LinkInfo? answer) => _gate!.SetResult(answer);

    public Task<LinkInfo?> GetLinkAsync(string name, CancellationToken ct = default)
    {
        Reads++;
        return _gate is { } gate ? gate.Task : Task.FromResult(Current?.Name == name ? Current : null);
    }

    public void Change(LinkInfo link) => LinkChanged?.Invoke(this, link);

    public void Remove(LinkInfo link) => LinkRemoved?.Invoke(this, link);

    public void Overflow() => Overrun?.Invoke(this, EventArgs.Empty);
}
