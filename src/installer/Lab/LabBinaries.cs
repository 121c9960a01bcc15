namespace HaKube.Installer.Lab;

/// <summary>
/// Where the programs the lab runs are: hakube itself (re-executed as the supervisor), the apiserver stand-in
/// and the probe (next to hakube), and vrrpd and tcplb (--bin-dir, else next to hakube).
/// </summary>
internal sealed record LabBinaries(string Hakube, string StandIn, string Probe, string? DaemonDirectory)
{
    /// <summary>The binaries next to the running hakube, with vrrpd and tcplb from <paramref name="binDirectory"/> when given.</summary>
    public static LabBinaries Find(string? binDirectory)
    {
        var here = AppContext.BaseDirectory;
        var self = Environment.ProcessPath is { } p && Path.GetFileName(p) == "hakube" ? p : Path.Combine(here, "hakube");
        return new LabBinaries(self, Path.Combine(here, "kube-apiserver-standin"), Path.Combine(here, "hakube-probe"),
            binDirectory is null ? here : Path.GetFullPath(binDirectory));
    }

    /// <summary>vrrpd: in the daemon directory unless set (the benchmark takes it from its --vrrpd).</summary>
    public string Vrrpd { get; init; } = Path.Combine(DaemonDirectory ?? AppContext.BaseDirectory, "vrrpd");

    /// <summary>tcplb: in the daemon directory unless set (the benchmark takes it from its --tcplb).</summary>
    public string Tcplb { get; init; } = Path.Combine(DaemonDirectory ?? AppContext.BaseDirectory, "tcplb");

    /// <summary>Throws a <see cref="LabCommandException"/> naming what is missing for <paramref name="mode"/>.</summary>
    public void Check(LabMode mode)
    {
        foreach (var (path, what) in new[] { (Hakube, "hakube"), (StandIn, "the apiserver stand-in"), (Probe, "the probe") })
        {
            if (!File.Exists(path))
            {
                throw new LabCommandException($"{what} is not at {path}: build src/installer (it brings kube-apiserver-standin and hakube-probe along)");
            }
        }

        if (mode == LabMode.Reference)
        {
            foreach (var tool in new[] { "/usr/sbin/keepalived", "/usr/sbin/haproxy" })
            {
                if (!File.Exists(tool))
                {
                    throw new LabCommandException($"--reference needs {tool}: apt-get install keepalived haproxy");
                }
            }

            return;
        }

        var missing = new[] { Vrrpd, Tcplb }.Where(f => !File.Exists(f)).ToList();
        if (missing.Count > 0)
        {
            throw new LabCommandException(
                $"the HaKube lab needs the vrrpd and tcplb binaries; missing: {string.Join(", ", missing)}. "
                + "Give --bin-dir DIR (where `dotnet publish src/vrrpd` and `src/tcplb` put them), or use --reference for Keepalived + HAProxy");
        }
    }
}
