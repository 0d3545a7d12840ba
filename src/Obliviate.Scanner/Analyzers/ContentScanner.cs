using Obliviate.Formats.IO;
using System.IO.Compression;
using Obliviate.Formats.Archives;
using Obliviate.Formats.MsgPack;
using Obliviate.Formats.Sniffing;
using Obliviate.Formats.Zip;
using Obliviate.Scanner.Policy;

namespace Obliviate.Scanner.Analyzers;

/// <summary>
/// Identifies content by its bytes and hands it to the matching analyzer. Used for top-level files and, recursively,
/// for archive members and nested payloads (depth-limited by <see cref="ScanLimits.MaxNestingDepth"/>).
/// </summary>
internal sealed class ContentScanner(ScanContext ctx)
{
    /// <summary>Scans <paramref name="stream"/> (seekable, positioned anywhere) and returns the format label.</summary>
    /// <param name="name">File or member name: used only for labels and for formats without magic bytes (ONNX).</param>
    /// <param name="innerPath">Member path inside the top-level file, or null for the file itself.</param>
    public string Scan(Stream stream, long length, string name, string? innerPath, int depth, FindingSink sink)
    {
        ctx.Check();
        if (depth > ctx.Limits.MaxNestingDepth)
        {
            sink.Inconclusive($"nesting deeper than {ctx.Limits.MaxNestingDepth} levels was not scanned", innerPath);
            return "nested";
        }
        var head = new byte[(int)Math.Min(FileSniffer.HeadLength, length)];
        stream.Position = 0;
        stream.ReadExactly(head);
        stream.Position = 0;
        var kind = FileSniffer.Sniff(head, length);
        var format = Dispatch(kind, head, stream, length, name, innerPath, depth, sink);
        // A zip whose end record sits behind other content (a pickle, an image...) is a polyglot: zipfile-based
        // loaders (Keras, numpy, joblib) find it from the end even though torch's magic check does not.
        if (kind is not (FileKind.Zip or FileKind.Empty or FileKind.Text or FileKind.Json) && ZipReader.HasEndRecord(stream)
            && new ZipAnalyzer(ctx, this).Scan(stream, innerPath, depth, sink, trailing: true) is { } zip)
        {
            sink.Analyzed = true;
            format += "+" + zip;
        }
        return format;
    }

    private string Dispatch(FileKind kind, byte[] head, Stream stream, long length, string name, string? innerPath, int depth, FindingSink sink)
    {
        // Protobuf has no magic bytes: TensorFlow graphs are recognised by name, as TensorFlow's loaders find them.
        if (TensorFlowAnalyzer.Handles(name) && kind is FileKind.Unknown or FileKind.MaybePickle or FileKind.Text)
            return new TensorFlowAnalyzer(ctx).Scan(stream, length, name, innerPath, sink);
        if (name.EndsWith(".msgpack", StringComparison.OrdinalIgnoreCase) && kind is FileKind.Unknown or FileKind.MaybePickle)
            return ScanMsgPack(stream, length, innerPath, sink);
        switch (kind)
        {
            case FileKind.Empty:
                sink.Note(innerPath is null ? "empty file" : $"{innerPath}: empty");
                return "empty";
            case FileKind.Zip:
                sink.Analyzed = true;
                return new ZipAnalyzer(ctx, this).Scan(stream, innerPath, depth, sink) ?? "zip";
            case FileKind.SevenZip or FileKind.Tar or FileKind.Rar:
                sink.Analyzed = true;
                var archive = kind switch { FileKind.SevenZip => ArchiveKind.SevenZip, FileKind.Tar => ArchiveKind.Tar, _ => ArchiveKind.Rar };
                return new ArchiveMembersAnalyzer(ctx, this).Scan(stream, archive, innerPath, depth, sink);
            case FileKind.Pickle:
                sink.Analyzed = true;
                return new PickleAnalyzer(ctx).Scan(stream, length, innerPath, depth, sink, confirmed: true) ?? "pickle";
            case FileKind.MaybePickle:
            {
                var format = new PickleAnalyzer(ctx).Scan(stream, length, innerPath, depth, sink, confirmed: false);
                if (format is not null) { sink.Analyzed = true; return format; }
                return FallbackLabel(kind, head, length, name, innerPath, sink);
            }
            case FileKind.Npy:
                sink.Analyzed = true;
                return new NpyAnalyzer(ctx).Scan(stream, length, innerPath, depth, sink);
            case FileKind.SafeTensors:
                sink.Analyzed = true;
                return new SafeTensorsAnalyzer(ctx).Scan(stream, length, innerPath, depth, sink);
            case FileKind.Hdf5:
                sink.Analyzed = true;
                return new KerasAnalyzer(ctx).ScanHdf5(stream, innerPath, sink);
            case FileKind.Gzip:
                sink.Analyzed = true;
                return ScanCompressed(() => new GZipStream(stream, CompressionMode.Decompress, leaveOpen: true), "gzip", name, innerPath, depth, sink);
            case FileKind.Zlib:
                sink.Analyzed = true;
                return ScanCompressed(() => new ZLibStream(stream, CompressionMode.Decompress, leaveOpen: true), "zlib", name, innerPath, depth, sink);
            case FileKind.Bzip2:
                sink.Analyzed = true;
                return ScanCompressed(() => CompressedStreams.OpenBzip2(stream), "bzip2", name, innerPath, depth, sink);
            case FileKind.Xz:
                sink.Analyzed = true;
                return ScanCompressed(() => CompressedStreams.OpenXz(stream), "xz", name, innerPath, depth, sink);
            case FileKind.Zstd or FileKind.Lz4:
                sink.Analyzed = true;
                sink.Inconclusive($"{kind.ToString().ToLowerInvariant()} content is not read by this scanner (it can hold pickles, e.g. joblib compression)", innerPath);
                return kind.ToString().ToLowerInvariant();
            case FileKind.Png or FileKind.Jpeg or FileKind.Gif or FileKind.Pdf or FileKind.Elf:
                sink.Analyzed = true;
                sink.Note($"{Prefix(innerPath)}{kind.ToString().ToLowerInvariant()} content; no loader deserializes code from it");
                return kind.ToString().ToLowerInvariant();
            case FileKind.Gguf or FileKind.TfLite:
                // Model formats this scanner does not parse (GGUF metadata carries e.g. Jinja chat templates): never clean.
                sink.Analyzed = true;
                sink.Inconclusive($"{kind.ToString().ToLowerInvariant()} model: its contents are not analysed by this scanner", innerPath);
                return kind.ToString().ToLowerInvariant();
            default:
                return FallbackLabel(kind, head, length, name, innerPath, sink);
        }
    }

    /// <summary>
    /// Content no analyser claimed. Nothing unknown is clean: under a model file name it is inconclusive, anything else
    /// is skipped with the reason. Bytes a pickle loader rejects before importing anything are understood for the
    /// pickle-family names, whose only loaders are pickle loaders.
    /// </summary>
    private static string FallbackLabel(FileKind kind, byte[] head, long length, string name, string? innerPath, FindingSink sink)
    {
        if (name.EndsWith(".onnx", StringComparison.OrdinalIgnoreCase) && innerPath is null) return "onnx";
        var text = kind is FileKind.Text or FileKind.Json || (kind is FileKind.MaybePickle && FileSniffer.IsText(head, length));
        if (text && ModelFileNames.IsModel(name))
        {
            // No loader of a model format reads plain text. The usual cause is a clone without Git LFS: the weights were
            // never downloaded, so they were not scanned either.
            sink.Analyzed = true;
            sink.Inconclusive(head.AsSpan().StartsWith("version https://git-lfs.github.com/spec/"u8)
                ? "a Git LFS pointer, not the model itself: fetch the LFS object (git lfs pull) and scan again"
                : $"text under a model file name ({Path.GetExtension(name)}); no loader of this format reads text", innerPath);
            return "text";
        }
        if (kind is FileKind.Json) return "json";
        if (text) return name.EndsWith(".py", StringComparison.OrdinalIgnoreCase) ? "python" : "text";
        if (kind is FileKind.MaybePickle && ModelFileNames.IsPickleFamily(name))
        {
            sink.Analyzed = true;
            sink.Note($"{Prefix(innerPath)}starts with a pickle opcode, but a pickle loader fails before importing anything; not a runnable pickle");
            return "unknown";
        }
        if (ModelFileNames.IsModel(name))
        {
            sink.Analyzed = true;
            sink.Inconclusive($"model file ({Path.GetExtension(name)}) in a format no analyser here understands (not pickle, zip, 7z, tar, numpy, safetensors, HDF5, ONNX or a TensorFlow graph); not scanned", innerPath);
            return "unknown";
        }
        sink.Note($"{Prefix(innerPath)}unrecognized binary content under a name that is not a model format; skipped");
        return "unknown";
    }

    private static string Prefix(string? innerPath) => innerPath is null ? "" : innerPath + ": ";

    /// <summary>Flax checkpoints: one MessagePack document of values, which Flax restores without running code.</summary>
    private string ScanMsgPack(Stream stream, long length, string? innerPath, FindingSink sink)
    {
        sink.Analyzed = true;
        try
        {
            var (objects, arrays) = MsgPackReader.Validate(stream, length, ctx.Token);
            sink.Note($"{Prefix(innerPath)}MessagePack document of {objects} values ({arrays} extension blobs such as Flax arrays); values only, no code");
        }
        catch (InvalidDataException ex)
        {
            sink.Inconclusive($"not a MessagePack document: {ex.Message}", innerPath);
        }
        return "msgpack";
    }

    private string ScanCompressed(Func<Stream> open, string codec, string name, string? innerPath, int depth, FindingSink sink)
    {
        var member = (innerPath ?? name) + (codec == "gzip" ? "!gunzip" : "!" + codec);
        var data = Inflate(open, member, sink);
        if (data is null) return codec;
        using var ms = new MemoryStream(data, writable: false);
        var inner = Scan(ms, data.Length, name.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? name[..^3] : name, member, depth + 1, sink);
        return codec + ":" + inner;
    }

    /// <summary>Inflates into memory under the member and scan-wide caps; null (and an inconclusive note) when a cap or a defect stops it.</summary>
    public byte[]? Inflate(Func<Stream> open, string member, FindingSink sink)
    {
        try
        {
            using var s = open();
            var (data, stop) = BoundedRead.ReadAll(s, ctx.Limits.MaxMemberBytes, n => ctx.TakeInflated(n), ctx.Token);
            if (stop != BoundedReadStop.None)
                sink.Inconclusive($"inflates past the {ctx.Limits.MaxMemberBytes}-byte member cap or the scan-wide inflation cap", member);
            return data;
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not ScanLimitException)
        {
            // Decoders of hostile streams fail in many ways (InvalidDataException, SharpCompress format errors, IOException).
            sink.Inconclusive($"does not decompress: {ex.Message}", member);
            return null;
        }
    }
}
