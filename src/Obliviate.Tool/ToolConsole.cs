namespace Obliviate.Tool;

/// <summary>Where a command writes: standard output for results, standard error for progress and diagnostics.</summary>
/// <param name="Out">Results (tables, JSON, reports).</param>
/// <param name="Error">Errors, warnings and progress.</param>
/// <param name="IsInteractive">True when standard error is a terminal: progress bars instead of periodic log lines.</param>
public sealed record ToolConsole(TextWriter Out, TextWriter Error, bool IsInteractive)
{
    public static ToolConsole System { get; } = new(Console.Out, Console.Error, !Console.IsErrorRedirected);
}
