using HaKube.Vrrpd.Platform;
using HaKube.Vrrpd.StateMachine;

namespace HaKube.Vrrpd.Daemon;

internal sealed partial class VrrpInstance
{
    /// <summary>Records the addresses (so --release can find them after a crash), then adds them.</summary>
    private async Task AddAddressesAsync()
    {
        var addresses = Settings.VirtualAddresses;
        await _context.Record.AddAsync(addresses);
        var added = new List<InterfaceAddress>();
        foreach (var address in addresses)
        {
            try
            {
                if (await _context.Rtnetlink.AddAddressAsync(address))
                {
                    added.Add(address);
                    Log.AddressAdded(_logger, Name, address);
                }
            }
            catch (PlatformException e)
            {
                Log.AddressAddFailed(_logger, Name, address, e);
            }
        }

        // Only what this call added tells whether the kernel keeps the tag: a copy that was already there (EEXIST) is
        // untagged whatever the kernel does.
        if (!_context.Record.TagChecked && added.Count > 0)
        {
            await CheckTagAsync(added);
        }
    }

    /// <summary>
    /// Once per daemon: reads the addresses back to see whether the kernel kept vrrpd's IFA_PROTO tag (Linux 6.0+).
    /// If not, the record says so, and `vrrpd --release` trusts the record alone instead of finding nothing to remove.
    /// </summary>
    private async Task CheckTagAsync(IReadOnlyList<InterfaceAddress> added)
    {
        try
        {
            if (AddressCleanup.KernelDroppedTag(added, await _context.Rtnetlink.GetAddressesAsync()) is { } dropped)
            {
                await _context.Record.NoteTagAsync(dropped);
                if (dropped)
                {
                    Log.TagDropped(_logger, Name);
                }
            }
        }
        catch (PlatformException e)
        {
            Log.TagNotChecked(_logger, Name, e);
        }
    }

    /// <summary>Removes the addresses, then strikes them from the record.</summary>
    private async Task RemoveAddressesAsync()
    {
        var addresses = Settings.VirtualAddresses;
        var removed = new List<InterfaceAddress>(addresses.Length);
        foreach (var address in addresses)
        {
            try
            {
                if (await _context.Rtnetlink.DeleteAddressAsync(address))
                {
                    Log.AddressRemoved(_logger, Name, address);
                }

                removed.Add(address);
            }
            catch (PlatformException e)
            {
                // Kept in the record: --release or the next start will try again.
                Log.AddressRemoveFailed(_logger, Name, address, e);
            }
        }

        await _context.Record.RemoveAsync(removed);
    }

    /// <summary>While master, a virtual address someone else removed (systemd-networkd, a person) comes back at once.</summary>
    private async Task OnAddressRemovedAsync(InterfaceAddress gone)
    {
        if (_state.State != VrrpState.Master)
        {
            return;
        }

        foreach (var address in Settings.VirtualAddresses)
        {
            if (address.InterfaceIndex == gone.InterfaceIndex && address.Address.Equals(gone.Address))
            {
                Log.AddressRestored(_logger, Name, address);
                await _context.Record.AddAsync([address]);
                await _context.Rtnetlink.AddAddressAsync(address);
                SendGarpRound();
            }
        }
    }

    /// <summary>The monitor lost events: re-read the link, and re-assert the addresses (and the resign record, should writing it have failed) when master.</summary>
    private async Task ResyncAsync()
    {
        if (await _context.Rtnetlink.GetLinkAsync(Settings.InterfaceIndex) is { } link)
        {
            await OnLinkChangedAsync(link);
        }

        if (_state.State == VrrpState.Master)
        {
            await AddAddressesAsync();
            await RecordResignationAsync();
        }
    }
}
