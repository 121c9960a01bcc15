namespace HaKube.Tcplb.Tests.Configuration;

/// <summary>
/// The smallest valid haproxy.cfg around the lines a test is about, always laid out the same, so its line numbers are
/// fixed: the global extra is line 2, the defaults extra line 8, the frontend extra line 12, the backend 13 and its extra 14.
/// </summary>
internal static class SmallCfg
{
    public static string Text(string global = "", string defaults = "", string frontend = "", string backend = "") => $"""
        global
        {global}
        defaults
            mode tcp
            timeout connect 5s
            timeout client 50s
            timeout server 50s
        {defaults}
        frontend f
            bind *:6443
            default_backend b
        {frontend}
        backend b
        {backend}
            server s1 198.18.0.2:6443
        """;
}
