using Obliviate.Formats.Pickle;

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
        // An import computed at load time (unresolved STACK_GLOBAL) has no name to check: then only completion counts.
        var meaningful = first is not null && (first.Globals.Count > 0
            ? first.Globals[0].IsImportable || (!first.Globals[0].IsResolved && first.Complete)
            : first.Complete);
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
        var grader = new PickleStreamGrader(ctx.Policy, ctx.Options.Strict);
        var nested = new NestedPickleScanner(ctx, this);
        var joblib = false;
        foreach (var s in walk.Streams)
        {
            var grade = grader.Grade(s);
            foreach (var i in grade.Issues) sink.Add(i.RuleId, i.Message, i.Evidence, baseOffset + i.Offset, innerPath, i.Severity);
            joblib |= s.Globals.Any(g => g.Name == "NumpyArrayWrapper");
            if (s.Anomalies.Count > 0)
                sink.Note($"{Prefix(innerPath)}malformed pickle: {s.Anomalies[0]}{(s.Anomalies.Count > 1 ? $" (+{s.Anomalies.Count - 1} more)" : "")}");
            if (s.Error is not null)
            {
                // joblib writes raw array bytes inside the pickle stream after each NumpyArrayWrapper; the walker cannot
                // size them without numpy's dtype rules, so the rest of that stream is unread.
                var what = joblib ? "joblib inline array data is not parsed; the rest of the stream was not scanned" : "pickle could not be fully parsed";
                sink.Inconclusive($"{what}: {s.Error.Message} at offset {baseOffset + s.Error.Offset}", innerPath);
            }
            foreach (var blob in s.Blobs)
            {
                nested.Scan(blob.Data, blob.FromText ? "a string constant" : "a bytes constant", baseOffset + blob.Offset,
                    $"{innerPath ?? ""}#pickle@{baseOffset + blob.Offset}", depth, grade.LoadsPickles, sink);
            }
        }
        if (walk.Streams.Count == 0) sink.Inconclusive("no pickle stream found", innerPath);
    }

    private static string Prefix(string? innerPath) => innerPath is null ? "" : innerPath + ": ";
}
