namespace Obliviate.Reports.Model;

/// <summary>Metadata of one rule (SARIF rule metadata).</summary>
public sealed record RuleDescriptor(string Id, string Name, Severity DefaultSeverity, string Description, string Advice);
