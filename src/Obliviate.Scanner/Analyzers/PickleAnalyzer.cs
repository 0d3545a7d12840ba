using Obliviate.Formats.Pickle;
using Obliviate.Reports.Model;
using Obliviate.Scanner.Policy;

namespace Obliviate.Scanner.Analyzers;

/// <summary>Walks the pickle streams of a file or member and grades every import, call and nested payload.</summary>
internal sealed class PickleAnalyzer(ScanContext ctx)
{
    /// <summary>
    /// Scans pickle content from the stream's current position. With <paramref name="confirmed"/> false the bytes only
    /// start with a pickle opcode: null is returned (nothing recorded) when no stream completes and nothing is imported,
    /// since a real unpickler then fails before it can do anything.
    /// </summary>
    public string? Scan(Stream stream, long length, string? innerPath, int depth, FindingSink sink, bool confirmed)
    {
        var start = stream.Position;
        var limits = new PickleLimits { MaxOpcodes = ctx.Limits.MaxPickleOpcodes };
        var walk = PickleWalker.Walk(stream, length - start, limits, ctx.Token);
        var first = walk.Streams.Count > 0 ? walk.Streams[0] : null;
        // Without a PROTO header the bytes may just be text or data that happens to start with an opcode. Only a stream
        // that completes, or whose first import names a real module, can make a loader do anything: CPython stops at the
        // first failed import (e.g. "mport torch" from a .py file read as INST).
        var meaningful = first is not null && (first.Globals.Count > 0 ? IsImportable(first.Globals[0]) : first.Complete);
        if (!confirmed && !meaningful)
        {
            stream.Position = start;
            return null;
        }
        Grade(walk, start, innerPath, depth, sink);
        var format = first?.StartsWithTorchMagic == true ? "pytorch-legacy"
            : walk.Globals.Any(g => g.Module is "joblib.numpy_pickle" or "sklearn.externals.joblib.numpy_pickle") ? "joblib" : "pickle";
        if (walk.TrailingData && format == "pickle")
            sink.Note($"{Prefix(innerPath)}data after the last pickle stream (offset {start + walk.BytesConsumed}) is not pickle code");
        return format;
    }

    /// <summary>Grades the facts of one walk: globals, calls, anomalies, parse state and nested pickles.</summary>
    public void Grade(PickleWalkResult walk, long baseOffset, string? innerPath, int depth, FindingSink sink)
    {
        var joblib = false;
        foreach (var s in walk.Streams)
        {
            foreach (var g in s.Globals) GradeGlobal(g, baseOffset, innerPath, sink);
            joblib |= s.Globals.Any(g => g.Name == "NumpyArrayWrapper");
            foreach (var call in s.Calls.Where(c => c.Kind == PickleCallKind.BuildOnGlobal))
            {
                sink.Add(RuleIds.PickleGlobalOverwrite, $"BUILD overwrites attributes of the imported object {call.Target?.QualifiedName}",
                    call.Target?.QualifiedName, baseOffset + call.Offset, innerPath);
            }
            if (s.Anomalies.Count > 0)
                sink.Note($"{Prefix(innerPath)}malformed pickle: {s.Anomalies[0]}{(s.Anomalies.Count > 1 ? $" (+{s.Anomalies.Count - 1} more)" : "")}");
            if (s.Error is not null)
            {
                // joblib writes raw array bytes inside the pickle stream after each NumpyArrayWrapper; the walker cannot
                // size them without numpy's dtype rules, so the rest of that stream is unread.
                var what = joblib ? "joblib inline array data is not parsed; the rest of the stream was not scanned" : "pickle could not be fully parsed";
                sink.Inconclusive($"{what}: {s.Error.Message} at offset {baseOffset + s.Error.Offset}", innerPath);
            }
            foreach (var blob in s.Blobs) ScanNested(blob, baseOffset, innerPath, depth, sink);
        }
        if (walk.Streams.Count == 0) sink.Inconclusive("no pickle stream found", innerPath);
    }

    private void GradeGlobal(PickleGlobal g, long baseOffset, string? innerPath, FindingSink sink)
    {
        var offset = baseOffset + g.Offset;
        if (!g.IsResolved)
        {
            sink.Add(RuleIds.PickleUnresolvedGlobal, $"{g.Opcode} imports a global that cannot be resolved statically: {g.UnresolvedReason}",
                g.QualifiedName, offset, innerPath);
            return;
        }
        var verdict = ctx.Policy.Classify(g.Module!, g.Name!);
        switch (verdict.Class)
        {
            case GlobalClass.Dangerous:
                sink.Add(RuleIds.PickleDangerousGlobal, $"imports {g.QualifiedName}: {verdict.Reason}", g.QualifiedName, offset, innerPath);
                break;
            case GlobalClass.Unknown:
                sink.Add(RuleIds.PickleUnknownGlobal, $"imports {g.QualifiedName}: {verdict.Reason}", g.QualifiedName, offset, innerPath,
                    ctx.Options.Strict ? Severity.High : null);
                break;
        }
    }

    private void ScanNested(PickleBlob blob, long baseOffset, string? innerPath, int depth, FindingSink sink)
    {
        foreach (var (encoding, data) in NestedPickleDecoder.Decode(blob.Data))
        {
            var nestedPath = $"{innerPath ?? ""}#pickle@{baseOffset + blob.Offset}";
            if (depth + 1 > ctx.Limits.MaxNestingDepth)
            {
                sink.Inconclusive("nested pickle deeper than the nesting limit was not scanned", nestedPath);
                continue;
            }
            var nested = PickleWalker.Walk(data, new PickleLimits { MaxOpcodes = ctx.Limits.MaxPickleOpcodes }, ctx.Token);
            if (!nested.Streams.Any(s => s.Complete || s.Globals.Count > 0)) continue;
            sink.Add(RuleIds.PickleNestedPickle, $"a {(blob.FromText ? "string" : "bytes")} constant holds a {encoding}-encoded pickle",
                encoding, baseOffset + blob.Offset, nestedPath);
            Grade(nested, 0, nestedPath, depth + 1, sink);
        }
    }

    private static bool IsImportable(PickleGlobal g) =>
        g.IsResolved && IsDottedIdentifier(g.Module!) && IsDottedIdentifier(g.Name!);

    private static bool IsDottedIdentifier(string s) =>
        s.Length > 0 && s.Split('.').All(p => p.Length > 0 && !char.IsDigit(p[0]) && p.All(c => char.IsLetterOrDigit(c) || c == '_'));

    private static string Prefix(string? innerPath) => innerPath is null ? "" : innerPath + ": ";
}
