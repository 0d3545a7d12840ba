namespace Obliviate.Engine.Runs;

/// <summary>Peak resident memory of this process (Linux VmHWM; elsewhere the managed runtime's peak working set).</summary>
public static class ProcessMemory
{
    public static double PeakRssMegabytes()
    {
        try
        {
            foreach (var line in File.ReadLines("/proc/self/status"))
            {
                if (!line.StartsWith("VmHWM:", StringComparison.Ordinal)) continue;
                var kb = long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
                return kb / 1024.0;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            // Not Linux or no procfs: fall through to the portable (less precise) figure.
        }
        using var process = System.Diagnostics.Process.GetCurrentProcess();
        return process.PeakWorkingSet64 / (1024.0 * 1024.0);
    }
}
