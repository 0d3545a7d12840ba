namespace Obliviate.Formats.Archives;

/// <summary>Facts about member paths inside archives.</summary>
public static class ArchivePath
{
    /// <summary>True when extracting the member would write outside the target folder (absolute, drive-qualified or climbing with '..').</summary>
    public static bool Escapes(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var n = name.Replace('\\', '/');
        if (n.StartsWith('/') || (n.Length >= 2 && char.IsAsciiLetter(n[0]) && n[1] == ':')) return true;
        var depth = 0;
        foreach (var part in n.Split('/'))
        {
            if (part == "..") { if (--depth < 0) return true; }
            else if (part.Length > 0 && part != ".") depth++;
        }
        return false;
    }
}
