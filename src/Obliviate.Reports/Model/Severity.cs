namespace Obliviate.Reports.Model;

/// <summary>How serious a finding is. Rendered as lower-case words in JSON and SARIF.</summary>
public enum Severity
{
    Low,
    Medium,
    High,
    Critical,
}
