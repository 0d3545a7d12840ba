using Obliviate.Reports.Model;

namespace Obliviate.Scanner.Analyzers;

/// <summary>One graded fact of a pickle stream, before it is attached to a file (offsets are relative to the stream's input).</summary>
/// <param name="Severity">Null for the rule's default.</param>
internal sealed record PickleIssue(string RuleId, string Message, string Evidence, long Offset, Severity? Severity = null);
