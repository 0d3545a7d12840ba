using System.Text.RegularExpressions;
using Obliviate.Reports.Model;

namespace Obliviate.Scanner.Tests;

/// <summary>
/// Expected verdicts for every file under shared/data/modelfiles, read from the verdict tables of
/// shared/data/README.md (the upstream scanners' own test assertions) plus the prose-only sections.
/// </summary>
internal static partial class CorpusExpectations
{
    /// <summary>Files the upstream suites say cannot be scanned: encrypted archives.</summary>
    private static readonly HashSet<string> Unscannable = new(StringComparer.Ordinal)
    {
        "picklescan/data/benign_password_protected.zip",
        "modelscan/password_protected.zip",
    };

    public static IReadOnlyDictionary<string, Verdict> Load(string dataRoot)
    {
        var readme = File.ReadAllLines(Path.Combine(dataRoot, "README.md"));
        var expected = new Dictionary<string, Verdict>(StringComparer.Ordinal);
        var section = "";
        foreach (var line in readme)
        {
            if (line.StartsWith("### picklescan", StringComparison.Ordinal)) section = "picklescan/";
            else if (line.StartsWith("### modelscan", StringComparison.Ordinal)) section = "";
            else if (line.StartsWith("### ", StringComparison.Ordinal) || line.StartsWith("## ", StringComparison.Ordinal)) section = null!;
            if (section is null) continue;
            var m = Row().Match(line);
            if (!m.Success) continue;
            var path = section + m.Groups["file"].Value;
            var word = m.Groups["verdict"].Value;
            expected[path] = Unscannable.Contains(path) ? Verdict.Inconclusive : word switch
            {
                "DANGEROUS" => Verdict.Dangerous,
                "SAFE" => Verdict.Clean,
                _ => Verdict.Inconclusive,
            };
        }
        // "All SAFE" (prose) for the safetensors samples; the sklearn pickles are real benign models (false-positive checks).
        foreach (var f in Directory.EnumerateFiles(Path.Combine(dataRoot, "modelfiles", "safetensors-samples"), "*.safetensors"))
            expected["safetensors-samples/" + Path.GetFileName(f)] = Verdict.Clean;
        expected["safetensors-samples/ReadMe.md"] = Verdict.Skipped;
        expected["real-benign-sklearn-sms-spam/model.pkl"] = Verdict.Clean;
        expected["real-benign-sklearn-sms-spam/vectorizer.pkl"] = Verdict.Clean;
        return expected;
    }

    [GeneratedRegex(@"^\| (?<file>(data|data2|modelscan)/[^ |]+) \| \d+ \| [0-9a-f]{16} \| (?<verdict>SAFE|DANGEROUS|SKIPPED)\b")]
    private static partial Regex Row();
}
