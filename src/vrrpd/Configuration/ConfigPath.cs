namespace HaKube.Vrrpd.Configuration;

/// <summary>
/// Paths of settings in the model, spelled as the native JSON spells them (camelCase properties,
/// [index] for list items), e.g. <c>instances[0].unicastPeers[1]</c>.
/// </summary>
internal static class ConfigPath
{
    public static string Item(string list, int index) => $"{list}[{index}]";

    public static string Item(string parent, string list, int index) => $"{parent}.{list}[{index}]";

    public static string Field(string parent, string name) => parent.Length == 0 ? name : $"{parent}.{name}";

    /// <summary>The enclosing path: <c>a.b[2]</c> → <c>a.b</c> → <c>a</c> → empty.</summary>
    public static string Parent(string path)
    {
        var cut = path.LastIndexOfAny(['.', '[']);
        return cut < 0 ? "" : path[..cut];
    }

    /// <summary>The last property name, without index: <c>instances[0].unicastPeers[1]</c> → <c>unicastPeers</c>.</summary>
    public static string Leaf(string path)
    {
        var end = path.EndsWith(']') ? path.LastIndexOf('[') : path.Length;
        var start = path.LastIndexOf('.', Math.Max(end - 1, 0)) + 1;
        return path[start..end];
    }
}
