namespace Obliviate.Bench;

/// <summary>What every benchmark verb needs from its surroundings: the checkout, the machine's load, a median.</summary>
public static class BenchEnvironment
{
    /// <summary>The checkout holding Obliviate.sln above the binary or the working directory (the artifacts may live outside it).</summary>
    public static string RepoRoot()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Obliviate.sln"))) return dir.FullName;
            }
        }
        return Directory.GetCurrentDirectory();
    }

    /// <summary>The 1, 5 and 15-minute load averages, or "n/a".</summary>
    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    /// <summary>The median of <paramref name="values"/> (sorted in place); NaN when empty.</summary>
    public static double Median(List<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        values.Sort();
        if (values.Count == 0) return double.NaN;
        return values.Count % 2 == 1 ? values[values.Count / 2] : (values[values.Count / 2 - 1] + values[values.Count / 2]) / 2;
    }
}
