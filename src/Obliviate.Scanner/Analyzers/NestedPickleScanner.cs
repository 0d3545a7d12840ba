using Obliviate.Formats.Pickle;
using Obliviate.Reports.Model;
using Obliviate.Scanner.Policy;

namespace Obliviate.Scanner.Analyzers;

/// <summary>
/// The one policy for pickles found inside other data — constants of a pickle, safetensors <c>__metadata__</c> values,
/// JSON strings — raw, base64 or hex. Each candidate is walked and graded by what it calls, never flagged for merely
/// existing. A pickle inside data runs only if something unpickles it, so:
/// <list type="bullet">
/// <item>when the containing pickle itself hands data to a loader (pickle.loads, torch.load…), the embedded pickle is
/// live: its findings are reported at full severity under <c>#pickle@offset</c> (the loader call is dangerous anyway);</item>
/// <item>otherwise it is dormant: one OBL005 finding (medium) names what it would call when that is outside the
/// allowlist, and a note says so when it only uses stock globals. Bytes that only look like a pickle (no complete
/// stream, or names no unpickler could import) are ignored: a loader would fail before doing anything.</item>
/// </list>
/// </summary>
internal sealed class NestedPickleScanner(ScanContext ctx, PickleAnalyzer pickles)
{
    /// <summary>A text value (safetensors metadata, a JSON string): cheap candidate check first, then <see cref="Scan"/> as dormant data.</summary>
    public void ScanText(string text, string where, long offset, string nestedPath, int depth, FindingSink sink)
    {
        if (text.Length < 8 || text.Length > ctx.Limits.MaxMemberBytes) return;
        // Raw pickles survive JSON only as \u00XX escapes: Latin-1 maps those characters back to the pickle's bytes.
        var bytes = text.All(c => c <= 0xFF) ? System.Text.Encoding.Latin1.GetBytes(text) : System.Text.Encoding.UTF8.GetBytes(text);
        if (NestedPickleDecoder.IsCandidate(bytes)) Scan(bytes, where, offset, nestedPath, depth, live: false, sink);
    }

    /// <param name="where">What held the data, for messages ("a string constant", "__metadata__ entry 'x'").</param>
    /// <param name="live">The containing pickle calls a loader, so the embedded pickle may run.</param>
    public void Scan(byte[] data, string where, long offset, string nestedPath, int depth, bool live, FindingSink sink)
    {
        foreach (var (encoding, bytes) in NestedPickleDecoder.Decode(data))
        {
            ctx.Check();
            if (depth + 1 > ctx.Limits.MaxNestingDepth)
            {
                sink.Inconclusive("nested pickle deeper than the nesting limit was not scanned", nestedPath);
                continue;
            }
            var walk = PickleWalker.Walk(bytes, new PickleLimits { MaxOpcodes = ctx.Limits.MaxPickleOpcodes }, ctx.Token);
            if (live)
            {
                if (!walk.Streams.Any(s => s.Complete || s.Globals.Count > 0)) continue;
                sink.Add(RuleIds.PickleNestedPickle, $"{where} holds a {encoding}-encoded pickle that this file passes to a pickle loader",
                    encoding, offset, nestedPath);
                pickles.Grade(walk, 0, nestedPath, depth + 1, sink);
                continue;
            }
            if (!IsPlausible(walk)) continue;
            Dormant(walk, encoding, where, offset, nestedPath, depth, sink);
        }
    }

    private void Dormant(PickleWalkResult walk, string encoding, string where, long offset, string nestedPath, int depth, FindingSink sink)
    {
        var grader = new PickleStreamGrader(ctx.Policy, strict: false);
        var issues = new List<PickleIssue>();
        foreach (var s in walk.Streams)
        {
            var grade = grader.Grade(s);
            issues.AddRange(grade.Issues);
            // An embedded pickle that itself unpickles its own constants makes those live relative to it.
            foreach (var blob in s.Blobs)
                Scan(blob.Data, $"{where} → {(blob.FromText ? "a string" : "a bytes")} constant", offset, $"{nestedPath}#pickle@{blob.Offset}",
                    depth + 1, grade.LoadsPickles, sink);
        }
        if (issues.Count == 0)
        {
            sink.Note($"{nestedPath}: {where} holds a {encoding}-encoded pickle that uses only allowlisted globals");
            return;
        }
        var serious = issues.Where(i => i.RuleId != RuleIds.PickleUnknownGlobal).ToList();
        var shown = (serious.Count > 0 ? serious : issues).Select(i => i.Evidence).Distinct(StringComparer.Ordinal).ToList();
        var names = string.Join(", ", shown.Take(3)) + (shown.Count > 3 ? $" (+{shown.Count - 3} more)" : "");
        sink.Add(RuleIds.PickleNestedPickle,
            $"{where} holds a {encoding}-encoded pickle that would {(serious.Count > 0 ? "call" : "import")} {names} if something unpickled it; nothing in this file unpickles it",
            $"{encoding}: {shown[0]}", offset, nestedPath, serious.Count > 0 ? null : Severity.Low);
    }

    /// <summary>
    /// A dormant candidate counts only as a whole, well-formed pickle whose named imports could all succeed (imports
    /// computed at load time, e.g. STACK_GLOBAL fed by a memo trick, have no name to check and do not disqualify it).
    /// </summary>
    private static bool IsPlausible(PickleWalkResult walk) =>
        walk.Streams.Count > 0 && walk.Streams[0] is { Complete: true, Error: null }
        && walk.Streams.SelectMany(s => s.Globals).All(g => !g.IsResolved || g.IsImportable);
}
