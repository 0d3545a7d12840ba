namespace Obliviate.Reports.Rendering;

/// <summary>The renderers of one kind of report, by format name (table, json, markdown, sarif, ...).</summary>
public sealed class RendererSet<TReport>
{
    private readonly Dictionary<string, Action<TReport, TextWriter>> writers;

    public RendererSet(params (string Format, Action<TReport, TextWriter> Write)[] renderers)
    {
        ArgumentNullException.ThrowIfNull(renderers);
        writers = renderers.ToDictionary(r => r.Format, r => r.Write, StringComparer.Ordinal);
        Formats = [.. renderers.Select(r => r.Format)];
    }

    /// <summary>The format names, the default (table) first.</summary>
    public IReadOnlyList<string> Formats { get; }

    public bool Supports(string format) => writers.ContainsKey(format);

    /// <summary>This set with more renderers (a project that may reference what this one must not, e.g. HTML with charts).</summary>
    public RendererSet<TReport> With(params (string Format, Action<TReport, TextWriter> Write)[] more) =>
        new([.. Formats.Select(f => (f, writers[f])), .. more]);

    public void Write(TReport report, string format, TextWriter writer)
    {
        if (!writers.TryGetValue(format, out var write))
            throw new ArgumentException($"unknown format '{format}'; expected one of {string.Join(", ", Formats)}.", nameof(format));
        write(report, writer);
    }
}
