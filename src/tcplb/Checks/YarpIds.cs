namespace HaKube.Tcplb.Checks;

/// <summary>
/// YARP keys clusters and destinations case-insensitively, HAProxy names are case-sensitive: a name that collides with
/// an earlier one (ignoring case) gets "~index" appended so both stay apart.
/// </summary>
internal static class YarpIds
{
    public static string[] Assign(IReadOnlyList<string> names)
    {
        var taken = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var ids = new string[names.Count];
        for (var i = 0; i < names.Count; i++)
        {
            var id = names[i];
            if (!taken.Add(id))
            {
                id = $"{names[i]}~{i}";
                taken.Add(id);
            }

            ids[i] = id;
        }

        return ids;
    }
}
