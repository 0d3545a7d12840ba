using Obliviate.Formats.Numpy;

namespace Obliviate.Scanner.Analyzers;

/// <summary>.npy arrays: numeric arrays are inert; object arrays carry a pickle after the header (np.load(allow_pickle=True) runs it).</summary>
internal sealed class NpyAnalyzer(ScanContext ctx)
{
    public string Scan(Stream stream, long length, string? innerPath, int depth, FindingSink sink)
    {
        NpyHeader header;
        try
        {
            stream.Position = 0;
            header = NpyReader.ReadHeader(stream);
        }
        catch (InvalidDataException ex)
        {
            sink.Inconclusive($"invalid .npy header: {ex.Message}", innerPath);
            return "npy";
        }
        if (!header.HasObjects) return "npy";
        if (header.DataOffset >= length)
        {
            sink.Inconclusive("object array has no pickle payload after its header", innerPath);
            return "npy";
        }
        stream.Position = header.DataOffset;
        new PickleAnalyzer(ctx).Scan(stream, length, innerPath, depth, sink, confirmed: true);
        return "npy-object";
    }
}
