using System.Runtime.Versioning;

// hakube drives Linux machines (network namespaces, netlink, systemd); it runs nowhere else.
[assembly: SupportedOSPlatform("linux")]
