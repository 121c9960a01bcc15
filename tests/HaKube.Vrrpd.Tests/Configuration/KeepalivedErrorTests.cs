using HaKube.Vrrpd.Configuration;

namespace HaKube.Vrrpd.Tests.Configuration;

/// <summary>
/// Invalid values in the guide's file: each is one error naming file:line, the keepalived.conf field and
/// what is allowed, and the configuration is refused.
/// </summary>
public sealed class KeepalivedErrorTests
{
    private static readonly string Guide = File.ReadAllText(TestConfig.DataFile("guide-keepalived.conf"));

    private static (ConfigLoadResult Result, string Path) LoadGuideWith(string original, string replacement)
    {
        Assert.Contains(original, Guide, StringComparison.Ordinal);
        return TestConfig.LoadText(Guide.Replace(original, replacement, StringComparison.Ordinal));
    }

    [Fact]
    public void Priority300_IsAnError_AtItsLine_WithTheRange()
    {
        var (result, path) = LoadGuideWith("priority 100", "priority 300");

        var error = result.SingleError(path, 18, "priority");
        Assert.Contains("300 is out of range; allowed 1..255", error.Message, StringComparison.Ordinal);
        Assert.Contains("haproxy-vip", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void VirtualRouterIdZero_IsAnError_AtItsLine_WithTheRange()
    {
        var (result, path) = LoadGuideWith("virtual_router_id 60", "virtual_router_id 0");

        var error = result.SingleError(path, 20, "virtual_router_id");
        Assert.Contains("0 is out of range; allowed 1..255", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AdvertIntZero_InVersion2_IsAnError_NamingWholeSeconds()
    {
        var (result, path) = LoadGuideWith("advert_int 1", "advert_int 0");

        var error = result.SingleError(path, 21, "advert_int");
        Assert.Contains("allowed whole seconds 1..255", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AdvertIntFraction_InVersion2_IsAnError_ButAllowedInVersion3()
    {
        var (v2, path) = LoadGuideWith("advert_int 1", "advert_int 0.5");
        v2.SingleError(path, 21, "advert_int");

        var (v3, _) = LoadGuideWith("advert_int 1", "advert_int 0.5\n  version 3");
        var instance = Assert.Single(v3.Options!.Instances);
        Assert.Equal(50, instance.AdvertisementIntervalCentiseconds);
        // Keepalived ignores authentication with VRRPv3 and says so; so do we.
        var warning = Assert.Single(v3.Warnings());
        Assert.Equal("auth_pass", warning.Field);
    }

    [Fact]
    public void UnknownKeyword_IsAWarning_NamingFileLineAndKeyword_AndTheFileStaysValid()
    {
        var (withUnknown, unknownPath) = LoadGuideWith("  advert_int 1\n", "  advert_int 1\n  fancy_option 3\n");

        var warning = Assert.Single(withUnknown.Diagnostics);
        Assert.Equal($"{unknownPath}:22: warning: fancy_option: unknown keyword in vrrp_instance haproxy-vip; ignored", warning.ToString());
        Assert.NotNull(withUnknown.Options);
    }

    [Fact]
    public void UnknownKeywordWithBlock_IsSkippedWithItsBlock()
    {
        var (result, path) = LoadGuideWith("vrrp_instance haproxy-vip {", "frobnicate {\n  a 1\n  b { c }\n}\nvrrp_instance haproxy-vip {");

        var warning = Assert.Single(result.Diagnostics);
        Assert.Equal($"{path}:16: warning: frobnicate: unknown keyword at top level; ignored with its block", warning.ToString());
        Assert.Single(result.Options!.Instances);
    }

    [Fact]
    public void TrackScriptNoInstanceTracks_IsAWarning_AtItsDefinition_AndTheFileStaysValid()
    {
        var (result, path) = LoadGuideWith("vrrp_instance haproxy-vip {", "vrrp_script chk_nginx {\n  script \"pidof nginx\"\n}\n\nvrrp_instance haproxy-vip {");

        var warning = Assert.Single(result.Diagnostics);
        Assert.Equal(
            $"{path}:16: warning: vrrp_script: track script 'chk_nginx' is not used: no instance or sync group tracks it, so it never runs",
            warning.ToString());
        Assert.Equal(2, result.Options!.TrackScripts.Count);
    }

    [Fact]
    public void UnknownTrackScriptReference_IsAnError_AtTheReferencesLine()
    {
        var (result, path) = LoadGuideWith("    chk_haproxy\n", "    chk_nginx\n");

        var error = result.SingleError(path, 36, "track_script");
        Assert.Contains("track script 'chk_nginx' is not defined (defined: chk_haproxy)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnterminatedBrace_IsAnError_AtTheOpeningLine()
    {
        var (result, path) = LoadGuideWith("    chk_haproxy\n  }\n}", "    chk_haproxy\n  }\n");

        var error = result.SingleError(path, 16, "vrrp_instance");
        Assert.Contains("opened here is never closed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void StrayClosingBrace_IsAnError_AtItsLine()
    {
        var (result, path) = LoadGuideWith("  weight 2\n}", "  weight 2\n}\n}");

        result.SingleError(path, 15, "");
    }

    [Fact]
    public void BadAddressInUnicastPeer_IsAnError_AtTheEntrysLine()
    {
        var (result, path) = LoadGuideWith("    172.16.0.3 ", "    172.16.0.300 ");

        var error = result.SingleError(path, 28, "unicast_peer");
        Assert.Contains("'172.16.0.300' is not an IPv4 or IPv6 address", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NotANumber_IsAnError_ReportedOnce_WithTheRange()
    {
        var (result, path) = LoadGuideWith("priority 100", "priority high");

        var error = result.SingleError(path, 18, "priority");
        Assert.Equal("'high' is not a whole number; allowed 1..255", error.Message);
    }

    [Fact]
    public void AuthTypeAH_IsRejected_WithAClearError()
    {
        var (result, path) = LoadGuideWith("auth_type PASS", "auth_type AH");

        var error = result.SingleError(path, 23, "auth_type");
        Assert.Contains("AH is not supported", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PasswordLongerThan8_IsAnError()
    {
        var (result, path) = LoadGuideWith("auth_pass 1111", "auth_pass 123456789");

        var error = result.SingleError(path, 22, "auth_pass");
        Assert.Contains("allowed 1..8", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SeveralProblems_AreAllReported_InOnePass()
    {
        var text = Guide
            .Replace("priority 100", "priority 0", StringComparison.Ordinal)
            .Replace("virtual_router_id 60", "virtual_router_id 256", StringComparison.Ordinal)
            .Replace("    chk_haproxy\n", "    chk_nginx\n", StringComparison.Ordinal)
            .Replace("  weight 2", "  weight 254", StringComparison.Ordinal);

        var (result, path) = TestConfig.LoadText(text);

        Assert.Null(result.Options);
        Assert.Equal(
            [(path, 13, "weight"), (path, 18, "priority"), (path, 20, "virtual_router_id"), (path, 36, "track_script")],
            result.Errors().Select(d => (d.File, d.Line, d.Field)).Order());
    }
}
