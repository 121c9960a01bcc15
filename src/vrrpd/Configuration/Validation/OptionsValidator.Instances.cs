using System.Net;
using System.Net.Sockets;

namespace HaKube.Vrrpd.Configuration.Validation;

/// <summary>VRRP instances, alone and against each other.</summary>
internal sealed partial class OptionsValidator
{
    private static readonly string[] Scopes = ["global", "site", "link", "host", "nowhere"];

    private void CheckInstances()
    {
        if (_options.Instances.Count == 0)
        {
            Error("instances", "no VRRP instance: define at least one (vrrp_instance NAME { ... })");
        }

        UniqueNames("instances", _options.Instances.Select(i => i.Name), "instance");
        var routers = new Dictionary<(string Interface, AddressFamily Family, int Vrid), string>();
        for (var i = 0; i < _options.Instances.Count; i++)
        {
            var instance = _options.Instances[i];
            var path = ConfigPath.Item("instances", i);
            CheckInstance(path, instance);

            // RFC 5798 5.2.3: a VRID names one virtual router per LAN and family.
            var key = (instance.Interface, instance.Family, instance.VirtualRouterId);
            if (instance.Interface.Length > 0 && !routers.TryAdd(key, instance.Name))
            {
                Error(ConfigPath.Field(path, "virtualRouterId"),
                    $"instance '{instance.Name}': virtual router {instance.VirtualRouterId} is already used by instance '{routers[key]}' on {instance.Interface} ({FamilyName(instance.Family)}); each VRID must be unique per interface and family");
            }
        }
    }

    private void CheckInstance(string path, VrrpInstanceOptions instance)
    {
        var context = $"instance '{instance.Name}'";
        var field = (string name) => ConfigPath.Field(path, name);
        if (instance.Interface.Length == 0)
        {
            Error(path, $"{context}: no interface; give the interface adverts are sent on");
        }

        Range(field("virtualRouterId"), instance.VirtualRouterId, OptionRanges.VirtualRouterId, context);
        Range(field("priority"), instance.Priority, OptionRanges.Priority, context);
        if (instance.Version is { } version)
        {
            Range(field("version"), version, OptionRanges.Version, context);
        }

        var family = instance.Family;
        var effectiveVersion = instance.EffectiveVersion(_options.Global);
        if (family == AddressFamily.InterNetworkV6 && instance.Version == 2)
        {
            Error(field("version"), $"{context}: VRRPv2 carries IPv4 only (RFC 3768); an instance with IPv6 addresses needs version 3");
        }

        CheckAdvertInt(field("advertInt"), instance.AdvertInt, effectiveVersion, context);
        CheckAuthentication(field("authenticationPassword"), instance.AuthenticationPassword, effectiveVersion, context);
        CheckAddresses(path, instance, family, context);
        CheckOwner(field("priority"), instance, context);

        Range(field("preemptDelay"), instance.PreemptDelay, OptionRanges.PreemptDelay, context);
        if (!instance.Preempt && instance.InitialState == VrrpInitialState.Master)
        {
            Warning(field("preempt"), $"{context}: nopreempt has no effect on an instance that starts as MASTER; use state BACKUP");
        }

        if (instance.V3ChecksumWithoutPseudoHeader && (effectiveVersion != 3 || family != AddressFamily.InterNetwork))
        {
            Warning(field("v3ChecksumWithoutPseudoHeader"), $"{context}: applies to VRRPv3 over IPv4 only; ignored");
        }

        CheckReferences(field("trackScripts"), instance.TrackScripts, _scriptNames, "track script", context);
        CheckReferences(field("trackProcesses"), instance.TrackProcesses, _processNames, "process tracker", context);
        CheckReferences(field("trackFiles"), instance.TrackFiles, _fileNames, "file tracker", context);
        CheckReferences(field("trackTcplb"), instance.TrackTcplb, _tcplbNames, "tcplb tracker", context);
        CheckReferences(field("trackInterfaces"), instance.TrackInterfaces, null, "interface", context);
        CheckNotify(field("notify"), instance.Notify);
        if (instance.Garp is { } garp)
        {
            CheckGarp(field("garp"), garp);
        }
    }

    private void CheckAdvertInt(string path, decimal advertInt, int version, string context)
    {
        if (version == 2)
        {
            // RFC 3768 5.3.7: whole seconds in an 8-bit field.
            if (!OptionRanges.AdvertIntV2.Contains(advertInt) || advertInt != decimal.Truncate(advertInt))
            {
                Error(path, $"{context}: {advertInt} s is not allowed with VRRPv2; allowed whole seconds {OptionRanges.AdvertIntV2} (or use version 3 for fractions)");
            }
        }
        else if (!OptionRanges.AdvertIntV3.Contains(advertInt) || advertInt * 100 != decimal.Truncate(advertInt * 100))
        {
            // RFC 5798 5.2.7: 12 bits of centiseconds.
            Error(path, $"{context}: {advertInt} s is not allowed with VRRPv3; allowed {OptionRanges.AdvertIntV3} s in steps of 0.01");
        }
    }

    private void CheckAuthentication(string path, string? password, int version, string context)
    {
        if (password is null)
        {
            return;
        }

        if (version == 3)
        {
            Warning(path, $"{context}: VRRPv3 has no authentication (RFC 5798); the password is ignored, as Keepalived does");
        }
        else if (password.Length is 0 or > OptionRanges.PasswordMaxLength)
        {
            Error(path, $"{context}: the password has {password.Length} characters; allowed 1..{OptionRanges.PasswordMaxLength} (Keepalived would truncate it and stop matching its peers' view)");
        }
    }

    private void CheckAddresses(string path, VrrpInstanceOptions instance, AddressFamily family, string context)
    {
        var listPath = ConfigPath.Field(path, "virtualAddresses");
        if (instance.VirtualAddresses.Count == 0)
        {
            Error(listPath, $"{context}: no virtual address; give at least one");
        }

        for (var i = 0; i < instance.VirtualAddresses.Count; i++)
        {
            var vip = instance.VirtualAddresses[i];
            var vipPath = ConfigPath.Item(listPath, i);
            if (vip.Address.AddressFamily != family)
            {
                Error(vipPath, $"{context}: {vip.Address} is {FamilyName(vip.Address.AddressFamily)} but the instance is {FamilyName(family)}; an instance carries one family (put other addresses in virtual_ipaddress_excluded or another instance)");
            }

            CheckVirtualAddress(vipPath, vip, context);
        }

        var excludedPath = ConfigPath.Field(path, "virtualAddressesExcluded");
        for (var i = 0; i < instance.VirtualAddressesExcluded.Count; i++)
        {
            CheckVirtualAddress(ConfigPath.Item(excludedPath, i), instance.VirtualAddressesExcluded[i], context);
        }

        if (instance.UnicastSrcIp is { } source && source.AddressFamily != family)
        {
            Error(ConfigPath.Field(path, "unicastSrcIp"), $"{context}: {source} is {FamilyName(source.AddressFamily)} but the instance is {FamilyName(family)}; use an address of the same family");
        }

        var peersPath = ConfigPath.Field(path, "unicastPeers");
        var peers = new HashSet<IPAddress>();
        for (var i = 0; i < instance.UnicastPeers.Count; i++)
        {
            var peer = instance.UnicastPeers[i];
            var peerPath = ConfigPath.Item(peersPath, i);
            if (peer.AddressFamily != family)
            {
                Error(peerPath, $"{context}: peer {peer} is {FamilyName(peer.AddressFamily)} but the instance is {FamilyName(family)}");
            }
            else if (!peers.Add(peer))
            {
                Error(peerPath, $"{context}: peer {peer} is listed twice; list each peer once");
            }
            else if (peer.Equals(instance.UnicastSrcIp))
            {
                Error(peerPath, $"{context}: peer {peer} is this node's own unicast_src_ip; list the other nodes only");
            }
        }
    }

    private void CheckVirtualAddress(string path, VirtualAddressOptions vip, string context)
    {
        if (vip.Address.Equals(IPAddress.None))
        {
            Error(path, $"{context}: {vip.Address} is not a usable virtual address (is the address missing?)");
        }

        if (vip.PrefixLength is { } prefix)
        {
            var full = vip.Address.AddressFamily == AddressFamily.InterNetworkV6 ? 128 : 32;
            Range(ConfigPath.Field(path, "prefixLength"), prefix, new ValueRange(0, full), $"{context}: prefix of {vip.Address}");
        }

        if (vip.Scope is { } scope && !Scopes.Contains(scope) && !byte.TryParse(scope, out _))
        {
            Error(path, $"{context}: scope '{scope}' of {vip.Address} is not a scope; allowed {string.Join('|', Scopes)} or 0..255");
        }

        if (vip.Broadcast is { } brd && (brd.AddressFamily != AddressFamily.InterNetwork || vip.Address.AddressFamily != AddressFamily.InterNetwork))
        {
            Error(path, $"{context}: brd {brd} applies to IPv4 addresses only, with an IPv4 broadcast address");
        }

        if (vip.Label is { } label && (vip.Address.AddressFamily != AddressFamily.InterNetwork || label.Length is 0 or > 15))
        {
            Error(path, $"{context}: label '{label}' of {vip.Address}: labels apply to IPv4 addresses and have 1..15 characters");
        }
    }

    /// <summary>RFC 5798 5.2.4: priority 255 is for the router that owns the addresses; Keepalived warns otherwise.</summary>
    private void CheckOwner(string path, VrrpInstanceOptions instance, string context)
    {
        if (instance.Priority != 255)
        {
            return;
        }

        var owns = instance.VirtualAddresses.Any(v =>
            v.Address.Equals(instance.UnicastSrcIp) || (_hostAddresses?.Contains(v.Address) ?? false));
        if (!owns)
        {
            Warning(path, $"{context}: priority 255 is for the owner of the virtual addresses (RFC 5798 5.2.4), and none is this node's address; use 1..254");
        }
    }

    private void CheckReferences(string listPath, IReadOnlyList<TrackReference> references, HashSet<string>? defined, string what, string context)
    {
        for (var i = 0; i < references.Count; i++)
        {
            var reference = references[i];
            var path = ConfigPath.Item(listPath, i);
            if (reference.Name.Length == 0)
            {
                Error(path, $"{context}: a {what} reference has no name");
            }
            else if (defined is not null && !defined.Contains(reference.Name))
            {
                var known = defined.Count == 0 ? "none is defined" : $"defined: {string.Join(", ", defined.Order(StringComparer.Ordinal))}";
                Error(path, $"{context}: {what} '{reference.Name}' is not defined ({known})");
            }

            if (reference.Weight is { } weight)
            {
                Range(path, weight, OptionRanges.ScriptWeight, $"{context}: weight of {what} '{reference.Name}'");
            }

            Range(ConfigPath.Field(path, "riseDelay"), reference.RiseDelay, OptionRanges.TrackerDelay, $"{context}: rise delay of {what} '{reference.Name}'");
            Range(ConfigPath.Field(path, "fallDelay"), reference.FallDelay, OptionRanges.TrackerDelay, $"{context}: fall delay of {what} '{reference.Name}'");
        }
    }

    private static string FamilyName(AddressFamily family) => family == AddressFamily.InterNetworkV6 ? "IPv6" : "IPv4";
}
