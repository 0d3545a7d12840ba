using Obliviate.Formats.Archives;
using Obliviate.Formats.Onnx;
using Obliviate.Scanner.Policy;

namespace Obliviate.Scanner.Analyzers;

/// <summary>ONNX graphs: external-data locations must stay beside the model (onnxruntime resolves them relative to the .onnx file).</summary>
internal sealed class OnnxAnalyzer(ScanContext ctx)
{
    public void Scan(Stream stream, string relativePath, FindingSink sink)
    {
        sink.Analyzed = true;
        IReadOnlyList<OnnxExternalData> external;
        try
        {
            external = OnnxExternalDataReader.Read(stream);
        }
        catch (InvalidDataException ex)
        {
            sink.Inconclusive($"ONNX model unreadable: {ex.Message}");
            return;
        }
        var folder = Path.GetDirectoryName(relativePath)?.Replace('\\', '/') ?? "";
        foreach (var e in external)
        {
            ctx.Check();
            // Relative to the model's own folder, then against the scan root: "../weights.bin" from a sub-folder may still be inside.
            var combined = folder.Length == 0 ? e.Location : folder + "/" + e.Location;
            if (ArchivePath.Escapes(e.Location) && ArchivePath.Escapes(combined) || Path.IsPathRooted(e.Location) || e.Location.Contains('\0'))
                sink.Add(RuleIds.OnnxExternalDataEscape, $"tensor '{e.TensorName}' reads external data from {e.Location}, outside the model folder",
                    e.Location, e.Offset);
        }
    }
}
