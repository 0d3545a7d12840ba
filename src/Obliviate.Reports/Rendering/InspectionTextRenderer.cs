using System.Globalization;
using Obliviate.Reports.Inspection;

namespace Obliviate.Reports.Rendering;

/// <summary>The plain-text view of <c>inspect</c>: architecture, size, dtypes, tokenizer and every file with its hash.</summary>
public static class InspectionTextRenderer
{
    public static void Write(InspectionReport report, TextWriter o)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(o);
        var inv = CultureInfo.InvariantCulture;
        var c = report.Architecture;
        o.WriteLine($"model         {ReportText.Visible(report.Directory)}{(report.ShortName is null ? "" : $" ({report.ShortName})")}");
        o.WriteLine($"architecture  {c.ModelType}: {c.Layers} layers, hidden {c.HiddenSize}, {c.Heads} heads, intermediate {c.IntermediateSize}, {c.HiddenAct}");
        o.WriteLine(string.Create(inv,
            $"vocabulary    {c.VocabSize} tokens, {c.MaxPositionEmbeddings} positions, {c.TypeVocabSize} token types, layer_norm_eps {c.LayerNormEps:R}"));
        o.WriteLine(string.Create(inv, $"parameters    {report.ParameterCount:N0} in {report.TensorCount} tensors"));
        o.WriteLine($"dtypes        {string.Join(", ", report.Dtypes.Select(d => $"{d.Key} ×{d.Value}"))}");
        o.WriteLine($"weights       {ReportText.Visible(report.Weights)}{(report.Sharded ? " (sharded)" : "")}");
        var lower = report.DoLowerCase is { } l ? $" (do_lower_case={(l ? "true" : "false")})" : "";
        o.WriteLine($"tokenizer     {Describe(report.TokenizerKind)}{lower}");
        if (report.IgnoredUnsafeFiles.Count > 0)
            o.WriteLine($"not loaded    {ReportText.Visible(string.Join(", ", report.IgnoredUnsafeFiles))} (pickle-based: loading can execute code)");
        o.WriteLine("files");
        foreach (var f in report.Files)
            o.WriteLine(string.Create(inv, $"  {f.Sha256}  {f.Size,12}  {ReportText.Visible(f.Path)}"));
    }

    internal static string Describe(string kind) => kind switch
    {
        "word_piece" => "WordPiece (vocab.txt)",
        "byte_level_bpe" => "byte-level BPE (vocab.json + merges.txt)",
        "hugging_face_json" => "Hugging Face tokenizer.json",
        _ => "none found",
    };
}
