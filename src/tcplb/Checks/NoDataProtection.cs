using Microsoft.AspNetCore.DataProtection;

namespace HaKube.Tcplb.Checks;

/// <summary>
/// What YARP gets for ASP.NET data protection. It asks for a protector at start-up, only to seal session-affinity
/// cookies, and tcplb routes no HTTP and configures no affinity, so nothing is ever sealed. The default provider would
/// create a key ring under the service user's home (~/.aspnet) and log where; an in-memory one costs 3.7 MB of RSS
/// (measured) for a key that is never used. Sealing anything is a bug, and says so.
/// </summary>
internal sealed class NoDataProtection : IDataProtectionProvider, IDataProtector
{
    public IDataProtector CreateProtector(string purpose) => this;

    public byte[] Protect(byte[] plaintext) => throw Unused();

    public byte[] Unprotect(byte[] protectedData) => throw Unused();

    private static NotSupportedException Unused() => new("tcplb routes no HTTP and seals nothing: data protection is not available");
}
