using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Obliviate.Reports.Model;

namespace Obliviate.Reports.Rendering;

/// <summary>
/// SARIF 2.1.0 for code-scanning dashboards: one run, rule metadata from the report's <see cref="RuleDescriptor"/>s,
/// one artifact per scanned file (with its SHA-256), one result per finding with a <c>%SRCROOT%</c>-relative location,
/// partial fingerprints derived from the file hash, suppressed findings carried with SARIF <c>suppressions</c>, and
/// inconclusive files reported as tool execution notifications (they are not findings, but must not pass silently).
/// </summary>
public static class SarifReportRenderer
{
    public const string SrcRoot = "%SRCROOT%";
    private const string SchemaUri = "https://json.schemastore.org/sarif-2.1.0.json";

    public static void Write(ScanReport report, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(writer);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions
               {
                   Indented = true,
                   Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
               }))
        {
            WriteLog(report, json);
        }
        writer.Write(ReportText.EscapeInvisibleInJson(Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length)));
        writer.WriteLine();
    }

    private static void WriteLog(ScanReport report, Utf8JsonWriter json)
    {
        var rules = CollectRules(report);
        var ruleIndex = rules.Select((r, i) => (r.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);

        json.WriteStartObject();
        json.WriteString("$schema", SchemaUri);
        json.WriteString("version", "2.1.0");
        json.WriteStartArray("runs");
        json.WriteStartObject();

        WriteTool(report, rules, json);
        WriteInvocation(report, json);
        WriteBaseIds(report, json);

        json.WriteStartArray("artifacts");
        foreach (var file in report.Files)
        {
            json.WriteStartObject();
            WriteArtifactLocation(file.Path, null, json, "location");
            json.WriteNumber("length", file.Size);
            if (IsSha256(file.Sha256))
            {
                json.WriteStartObject("hashes");
                json.WriteString("sha-256", file.Sha256);
                json.WriteEndObject();
            }
            json.WriteStartObject("properties");
            json.WriteString("format", file.Format);
            json.WriteString("verdict", file.Verdict.Word());
            json.WriteEndObject();
            json.WriteEndObject();
        }
        json.WriteEndArray();

        json.WriteStartArray("results");
        for (var fileIndex = 0; fileIndex < report.Files.Count; fileIndex++)
        {
            var file = report.Files[fileIndex];
            foreach (var finding in file.Findings)
            {
                WriteResult(file, fileIndex, finding, ruleIndex[finding.RuleId], json);
            }
        }
        json.WriteEndArray();

        json.WriteStartObject("properties");
        json.WriteString("target", report.Target);
        json.WriteString("verdict", report.Verdict.Word());
        json.WriteEndObject();

        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary>The report's rules, plus a bare descriptor for any rule id a finding uses but the report does not describe.</summary>
    private static List<RuleDescriptor> CollectRules(ScanReport report)
    {
        var rules = new List<RuleDescriptor>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var rule in report.Rules)
        {
            if (seen.Add(rule.Id)) rules.Add(rule);
        }
        foreach (var finding in report.Files.SelectMany(f => f.Findings))
        {
            if (seen.Add(finding.RuleId))
            {
                rules.Add(new RuleDescriptor(finding.RuleId, finding.RuleId, finding.Severity, finding.Message,
                    finding.Advice ?? string.Empty));
            }
        }
        return rules;
    }

    private static void WriteTool(ScanReport report, List<RuleDescriptor> rules, Utf8JsonWriter json)
    {
        json.WriteStartObject("tool");
        json.WriteStartObject("driver");
        json.WriteString("name", "obliviate");
        if (report.Run is { } run) json.WriteString("version", run.ToolVersion);
        json.WriteStartArray("rules");
        foreach (var rule in rules)
        {
            json.WriteStartObject();
            json.WriteString("id", rule.Id);
            json.WriteString("name", rule.Name);
            json.WriteStartObject("shortDescription");
            json.WriteString("text", rule.Name);
            json.WriteEndObject();
            json.WriteStartObject("fullDescription");
            json.WriteString("text", rule.Description);
            json.WriteEndObject();
            if (!string.IsNullOrEmpty(rule.Advice))
            {
                json.WriteStartObject("help");
                json.WriteString("text", rule.Advice);
                json.WriteEndObject();
            }
            json.WriteStartObject("defaultConfiguration");
            json.WriteString("level", Level(rule.DefaultSeverity));
            json.WriteEndObject();
            json.WriteStartObject("properties");
            // GitHub code scanning ranks security alerts by this CVSS-like score.
            json.WriteString("security-severity", SecuritySeverity(rule.DefaultSeverity));
            json.WriteString("severity", rule.DefaultSeverity.Word());
            json.WriteStartArray("tags");
            json.WriteStringValue("security");
            json.WriteStringValue("supply-chain");
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteInvocation(ScanReport report, Utf8JsonWriter json)
    {
        json.WriteStartArray("invocations");
        json.WriteStartObject();
        // The scan ran to the end; files it could not read are reported below, and make the verdict inconclusive.
        json.WriteBoolean("executionSuccessful", true);
        if (report.Run is { } run)
        {
            json.WriteString("startTimeUtc", run.StartedAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture));
            json.WriteString("endTimeUtc", run.StartedAt.AddSeconds(run.Seconds).UtcDateTime
                .ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture));
        }
        json.WriteStartArray("toolExecutionNotifications");
        for (var i = 0; i < report.Files.Count; i++)
        {
            var file = report.Files[i];
            if (file.Verdict is not (Verdict.Inconclusive or Verdict.Skipped)) continue;
            json.WriteStartObject();
            json.WriteString("level", file.Verdict == Verdict.Inconclusive ? "warning" : "note");
            json.WriteStartObject("message");
            json.WriteString("text", $"{file.Path}: {file.Verdict.Word()}" + (file.Note is null ? "" : $" ({file.Note})"));
            json.WriteEndObject();
            json.WriteStartArray("locations");
            json.WriteStartObject();
            json.WriteStartObject("physicalLocation");
            WriteArtifactLocation(file.Path, i, json);
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndArray();
    }

    private static void WriteBaseIds(ScanReport report, Utf8JsonWriter json)
    {
        json.WriteStartObject("originalUriBaseIds");
        json.WriteStartObject(SrcRoot);
        // Only an absolute local folder has a meaningful absolute URI; otherwise the base is described, not located.
        if (Path.IsPathFullyQualified(report.Target) && !report.Target.Contains("://", StringComparison.Ordinal))
        {
            json.WriteString("uri", "file://" + RelativeUri(Path.TrimEndingDirectorySeparator(report.Target)) + "/");
        }
        json.WriteStartObject("description");
        json.WriteString("text", $"The scan root: {report.Target}");
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteResult(FileResult file, int fileIndex, Finding finding, int ruleIndex, Utf8JsonWriter json)
    {
        json.WriteStartObject();
        json.WriteString("ruleId", finding.RuleId);
        json.WriteNumber("ruleIndex", ruleIndex);
        json.WriteString("level", Level(finding.Severity));
        json.WriteStartObject("message");
        var where = ReportText.Where(finding);
        json.WriteString("text", where.Length == 0 ? finding.Message : $"{finding.Message} ({where})");
        json.WriteEndObject();

        json.WriteStartArray("locations");
        json.WriteStartObject();
        json.WriteStartObject("physicalLocation");
        WriteArtifactLocation(file.Path, fileIndex, json);
        // A byte offset is a region of the file itself only when the finding is not inside an archive member.
        if (finding.Offset is { } offset && offset >= 0 && finding.InnerPath is null)
        {
            json.WriteStartObject("region");
            json.WriteNumber("byteOffset", offset);
            json.WriteEndObject();
        }
        json.WriteEndObject();
        if (finding.InnerPath is not null)
        {
            json.WriteStartArray("logicalLocations");
            json.WriteStartObject();
            json.WriteString("fullyQualifiedName", $"{file.Path}/{finding.InnerPath}");
            json.WriteString("kind", "member");
            json.WriteEndObject();
            json.WriteEndArray();
        }
        json.WriteEndObject();
        json.WriteEndArray();

        json.WriteStartObject("partialFingerprints");
        json.WriteString("obliviateFinding/v1", Fingerprint(file, finding));
        json.WriteEndObject();

        if (finding.Suppression is { } suppression)
        {
            json.WriteStartArray("suppressions");
            json.WriteStartObject();
            json.WriteString("kind", "external");
            json.WriteString("status", "accepted");
            json.WriteString("justification", suppression.Reason);
            json.WriteStartObject("properties");
            json.WriteString("source", suppression.Source);
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndArray();
        }

        json.WriteStartObject("properties");
        json.WriteString("severity", finding.Severity.Word());
        if (finding.Evidence is not null) json.WriteString("evidence", finding.Evidence);
        if (finding.InnerPath is not null) json.WriteString("innerPath", finding.InnerPath);
        if (finding.Offset is { } o) json.WriteNumber("offset", o);
        if (finding.Advice is not null) json.WriteString("advice", finding.Advice);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteArtifactLocation(string path, int? index, Utf8JsonWriter json,
        string propertyName = "artifactLocation")
    {
        json.WriteStartObject(propertyName);
        json.WriteString("uri", RelativeUri(path));
        json.WriteString("uriBaseId", SrcRoot);
        if (index is { } i) json.WriteNumber("index", i);
        json.WriteEndObject();
    }

    /// <summary>A relative URI reference: each '/'-separated segment percent-encoded (spaces, '#', '%', '?' and the like).</summary>
    internal static string RelativeUri(string path) =>
        string.Join('/', path.Replace('\\', '/').Split('/').Select(Uri.EscapeDataString));

    /// <summary>
    /// Stable across runs and machines because it depends only on what was found, never on paths or times: the file's
    /// SHA-256, the rule, the evidence and where in the file. A renamed but identical file keeps its alert.
    /// </summary>
    internal static string Fingerprint(FileResult file, Finding finding)
    {
        var key = string.Join('\n', file.Sha256, finding.RuleId, finding.Evidence ?? "", finding.InnerPath ?? "",
            finding.Offset?.ToString(CultureInfo.InvariantCulture) ?? "");
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
    }

    private static bool IsSha256(string s) => s.Length == 64 && s.All(char.IsAsciiHexDigitLower);

    private static string Level(Severity severity) => severity switch
    {
        Severity.Critical or Severity.High => "error",
        Severity.Medium => "warning",
        _ => "note",
    };

    private static string SecuritySeverity(Severity severity) => severity switch
    {
        Severity.Critical => "9.5",
        Severity.High => "8.0",
        Severity.Medium => "5.5",
        _ => "3.0",
    };
}
