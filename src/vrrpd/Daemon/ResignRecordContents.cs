namespace HaKube.Vrrpd.Daemon;

/// <summary>What a resign record file holds, as <see cref="ResignRecordText.Parse"/> read it.</summary>
/// <param name="Pid">The pid of the vrrpd that wrote it; null when the file does not say.</param>
/// <param name="Entries">The instances it holds adverts for.</param>
/// <param name="Problems">Why it cannot be trusted ("line N: ..."); empty for a well-formed file.</param>
internal sealed record ResignRecordContents(int? Pid, IReadOnlyList<ResignEntry> Entries, IReadOnlyList<string> Problems);
