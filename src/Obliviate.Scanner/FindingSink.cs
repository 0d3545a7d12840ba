using Obliviate.Reports.Model;
using Obliviate.Scanner.Policy;

namespace Obliviate.Scanner;

/// <summary>Collects the findings and parse state of one file while its analyzers run.</summary>
internal sealed class FindingSink
{
    private readonly List<Finding> _findings = [];
    private readonly HashSet<(string, string?, string?)> _seen = [];
    private readonly List<string> _inconclusive = [];
    private readonly List<string> _notes = [];

    public IReadOnlyList<Finding> Findings => _findings;
    public bool IsInconclusive => _inconclusive.Count > 0;
    public bool Analyzed { get; set; }

    /// <summary>The file's safetensors header, kept for repository-level checks (vocabulary vs embedding rows).</summary>
    public Obliviate.Formats.SafeTensors.SafeTensorsHeader? SafeTensorsHeader { get; set; }

    /// <summary>Adds a finding; id, default severity and advice come from the rule table.</summary>
    public void Add(string ruleId, string message, string? evidence = null, long? offset = null, string? innerPath = null, Severity? severity = null)
    {
        // One finding per rule, evidence and member: a checkpoint importing the same unknown class 10,000 times is one issue.
        if (!_seen.Add((ruleId, evidence, innerPath))) return;
        var rule = RuleCatalog.Get(ruleId);
        _findings.Add(new Finding
        {
            RuleId = rule.Id,
            Severity = severity ?? rule.DefaultSeverity,
            Message = message.ReplaceLineEndings(" "),
            Evidence = evidence,
            Offset = offset,
            InnerPath = innerPath,
            Advice = rule.Advice,
        });
    }

    public void Inconclusive(string note, string? innerPath = null) =>
        _inconclusive.Add(innerPath is null ? note : $"{innerPath}: {note}");

    public void Note(string note)
    {
        if (!_notes.Contains(note)) _notes.Add(note);
    }

    public Verdict Verdict()
    {
        // One ranking (Verdicts.Rank): dangerous findings outrank an unread part, which outranks suspicious findings.
        return Verdicts.Combine([
            _findings.Count > 0 ? Verdicts.FromFindings(_findings) : Reports.Model.Verdict.Skipped,
            IsInconclusive ? Reports.Model.Verdict.Inconclusive : Reports.Model.Verdict.Skipped,
            Analyzed ? Reports.Model.Verdict.Clean : Reports.Model.Verdict.Skipped,
        ]);
    }

    public string? NoteText()
    {
        var all = _inconclusive.Concat(_notes).ToList();
        if (all.Count == 0) return null;
        var text = string.Join("; ", all.Take(5));
        return all.Count > 5 ? text + $"; (+{all.Count - 5} more)" : text;
    }
}
