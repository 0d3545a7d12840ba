namespace Obliviate.Tool;

/// <summary>Where a command writes: standard output for results, standard error for progress and diagnostics.</summary>
/// <param name="Out">Results (tables, JSON, reports).</param>
/// <param name="Error">Errors, warnings and progress.</param>
/// <param name="IsInteractive">True when standard error is a terminal: progress bars instead of periodic log lines.</param>
/// <param name="Quiet">-q: no progress, warnings or informational lines.</param>
/// <param name="Verbose">-v: details of unexpected errors and extra diagnostics.</param>
/// <param name="Width">The terminal width in columns (for the progress display); 80 when unknown.</param>
public sealed record ToolConsole(TextWriter Out, TextWriter Error, bool IsInteractive, bool Quiet = false, bool Verbose = false, int Width = 80)
{
    public static ToolConsole System { get; } = new(Console.Out, Console.Error, !Console.IsErrorRedirected, Width: TerminalWidth());

    /// <summary>An informational line on standard error, unless <see cref="Quiet"/>.</summary>
    public void Info(string line)
    {
        if (!Quiet) Error.WriteLine(line);
    }

    /// <summary>A warning on standard error, unless <see cref="Quiet"/>.</summary>
    public void Warn(string warning)
    {
        if (!Quiet) Error.WriteLine("warning: " + warning);
    }

    private static int TerminalWidth()
    {
        try
        {
            return Console.IsErrorRedirected ? 80 : Math.Max(20, Console.WindowWidth);
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or PlatformNotSupportedException)
        {
            return 80;
        }
    }
}
