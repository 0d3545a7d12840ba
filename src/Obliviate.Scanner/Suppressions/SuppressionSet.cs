using System.Text.Json;
using System.Text.RegularExpressions;
using Obliviate.Reports.Model;

namespace Obliviate.Scanner.Suppressions;

/// <summary>
/// The entries of one suppression file (<c>.obliviate-suppressions.json</c>; format in docs/scan.md).
/// Parsing is strict: an unknown key, a missing reason, a malformed rule id or hash is an error naming the file and
/// the entry, because a silently ignored typo would leave a finding unsuppressed, and a loose one could hide too much.
/// </summary>
public sealed partial record SuppressionSet(string Source, IReadOnlyList<SuppressionEntry> Entries)
{
    public const string DefaultFileName = ".obliviate-suppressions.json";
    public const long MaxFileBytes = 1024 * 1024;
    public const int MaxEntries = 10_000;
    private const int MaxTextLength = 2048;

    /// <summary>Reads and validates a suppression file; throws <see cref="InvalidDataException"/> naming the defect.</summary>
    public static SuppressionSet Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var info = new FileInfo(path);
        if (!info.Exists) throw new InvalidDataException($"suppression file {path}: not found.");
        if (info.Length > MaxFileBytes)
        {
            throw new InvalidDataException($"suppression file {path}: {info.Length} bytes, more than the {MaxFileBytes} allowed.");
        }
        return Parse(File.ReadAllText(path), path);
    }

    /// <summary>Parses suppression JSON; <paramref name="source"/> names the file in errors and in the report.</summary>
    public static SuppressionSet Parse(string json, string source)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(source);
        try
        {
            using var doc = JsonDocument.Parse(json, new JsonDocumentOptions
            {
                MaxDepth = 8, CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true,
            });
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object) throw Defect(source, "the top level must be an object.");
            JsonElement list = default;
            foreach (var property in root.EnumerateObject())
            {
                switch (property.Name)
                {
                    case "version":
                        if (property.Value.ValueKind != JsonValueKind.Number || property.Value.GetRawText() != "1")
                        {
                            throw Defect(source, "\"version\" must be 1.");
                        }
                        break;
                    case "suppressions":
                        list = property.Value;
                        break;
                    default:
                        throw Defect(source, $"unknown key \"{property.Name}\" (expected \"version\", \"suppressions\").");
                }
            }
            if (list.ValueKind != JsonValueKind.Array) throw Defect(source, "\"suppressions\" must be an array.");
            if (list.GetArrayLength() > MaxEntries) throw Defect(source, $"more than {MaxEntries} entries.");
            var entries = new List<SuppressionEntry>();
            var index = 0;
            foreach (var item in list.EnumerateArray()) entries.Add(ParseEntry(item, source, index++));
            return new SuppressionSet(source, entries);
        }
        catch (JsonException e)
        {
            throw Defect(source, $"not valid JSON ({e.Message}).");
        }
    }

    /// <summary>
    /// Marks every finding that an entry matches as suppressed and lowers the file verdicts that only those findings
    /// raised. Inconclusive and skipped files stay as they are: a suppression accepts a known risk, never an unread file.
    /// </summary>
    public ScanReport Apply(ScanReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (Entries.Count == 0) return report;
        var changed = false;
        var files = new List<FileResult>(report.Files.Count);
        foreach (var file in report.Files)
        {
            var findings = new List<Finding>(file.Findings.Count);
            var any = false;
            foreach (var finding in file.Findings)
            {
                var entry = finding.Suppression is null
                    ? Entries.FirstOrDefault(e => e.Matches(finding.RuleId, file.Path, file.Sha256))
                    : null;
                if (entry is null)
                {
                    findings.Add(finding);
                    continue;
                }
                findings.Add(finding with { Suppression = new Suppression(entry.Reason, Source) });
                any = true;
            }
            if (!any)
            {
                files.Add(file);
                continue;
            }
            changed = true;
            files.Add(file with { Findings = findings, Verdict = Lowered(file.Verdict, Verdicts.FromFindings(findings)) });
        }
        return changed ? report with { Files = files, Verdict = Verdicts.Combine(files.Select(f => f.Verdict)) } : report;
    }

    /// <summary>The smaller of the scanner's verdict and what the remaining findings imply (never raised here).</summary>
    private static Verdict Lowered(Verdict original, Verdict fromActive)
    {
        if (original is not (Verdict.Dangerous or Verdict.Suspicious)) return original;
        return fromActive.Rank() < original.Rank() ? fromActive : original;
    }

    private static SuppressionEntry ParseEntry(JsonElement item, string source, int index)
    {
        if (item.ValueKind != JsonValueKind.Object) throw Defect(source, $"entry {index} must be an object.");
        string? ruleId = null, path = null, sha = null, reason = null;
        foreach (var p in item.EnumerateObject())
        {
            if (p.Value.ValueKind != JsonValueKind.String) throw Defect(source, $"entry {index}: \"{p.Name}\" must be a string.");
            var value = p.Value.GetString()!;
            if (value.Length > MaxTextLength) throw Defect(source, $"entry {index}: \"{p.Name}\" is longer than {MaxTextLength}.");
            switch (p.Name)
            {
                case "ruleId": ruleId = value; break;
                case "path": path = value; break;
                case "sha256": sha = value; break;
                case "reason": reason = value; break;
                default:
                    throw Defect(source, $"entry {index}: unknown key \"{p.Name}\" (expected ruleId, path, sha256, reason).");
            }
        }
        if (ruleId is null || !RuleIdPattern().IsMatch(ruleId))
        {
            throw Defect(source, $"entry {index}: \"ruleId\" must be a rule id such as OBL001 (got {Show(ruleId)}).");
        }
        if (string.IsNullOrWhiteSpace(path)) throw Defect(source, $"entry {index}: \"path\" (a glob such as **/*.pkl) is required.");
        if (path.StartsWith('/') || path.Contains('\\', StringComparison.Ordinal))
        {
            throw Defect(source, $"entry {index}: \"path\" must be relative to the scan root with '/' separators (got {Show(path)}).");
        }
        if (sha is not null && !Sha256Pattern().IsMatch(sha))
        {
            throw Defect(source, $"entry {index}: \"sha256\" must be 64 hex digits (got {Show(sha)}).");
        }
        if (string.IsNullOrWhiteSpace(reason)) throw Defect(source, $"entry {index}: \"reason\" is required and must not be empty.");
        return new SuppressionEntry(ruleId, path, sha?.ToLowerInvariant(), reason.Trim());
    }

    private static string Show(string? value) => value is null ? "nothing" : $"\"{value}\"";

    private static InvalidDataException Defect(string source, string what) => new($"suppression file {source}: {what}");

    [GeneratedRegex("^OBL[0-9]{3}$", RegexOptions.CultureInvariant)]
    private static partial Regex RuleIdPattern();

    [GeneratedRegex("^[0-9a-fA-F]{64}$", RegexOptions.CultureInvariant)]
    private static partial Regex Sha256Pattern();
}
