using Obliviate.Formats.IO;
using Obliviate.Reports.Rendering;

namespace Obliviate.Tool;

/// <summary>
/// Puts a report where the user asked: standard output in <c>--format</c>, or a file (<c>-o</c>), written atomically, in
/// <c>--format</c> or the format its extension implies.
/// </summary>
public static class ReportOutput
{
    /// <summary>The format to write: <paramref name="format"/> when given, else what <paramref name="path"/>'s extension implies, else the set's default.</summary>
    public static string Resolve<T>(RendererSet<T> renderers, string? format, string? path)
    {
        ArgumentNullException.ThrowIfNull(renderers);
        if (format is not null) return format;
        var implied = path is null ? null : ReportRenderers.FormatForPath(path);
        return implied is not null && renderers.Supports(implied) ? implied : renderers.Formats[0];
    }

    public static void Write<T>(T report, RendererSet<T> renderers, string? format, string? path, ToolConsole console)
    {
        ArgumentNullException.ThrowIfNull(console);
        var chosen = Resolve(renderers, format, path);
        if (path is null)
        {
            renderers.Write(report, chosen, console.Out);
            return;
        }
        try
        {
            // Readers of the output path see the old report or the new one, never half of one.
            AtomicFile.WriteText(path, writer => renderers.Write(report, chosen, writer));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new UserError($"cannot write the report to {path}: {e.Message}. Choose a writable file path.", ExitCodes.Error);
        }
        console.Info($"{chosen} report written to {path}");
    }
}
