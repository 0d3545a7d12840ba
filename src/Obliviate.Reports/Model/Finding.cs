namespace Obliviate.Reports.Model;

/// <summary>One issue in one file.</summary>
public sealed record Finding
{
    /// <summary>"OBL" + 3 digits, stable, set from the policy table when created.</summary>
    public required string RuleId { get; init; }

    public required Severity Severity { get; init; }

    /// <summary>One line.</summary>
    public required string Message { get; init; }

    /// <summary>E.g. "os.system", "auto_map.AutoModel = modeling_x.Cls".</summary>
    public string? Evidence { get; init; }

    /// <summary>Byte offset in the file (or inner stream) when known.</summary>
    public long? Offset { get; init; }

    /// <summary>Member inside an archive, e.g. "archive/data.pkl".</summary>
    public string? InnerPath { get; init; }

    public string? Advice { get; init; }

    /// <summary>
    /// Set when a suppression file entry matched this finding. A suppressed finding stays in the report (SARIF
    /// <c>suppressions</c>) but no longer counts towards the verdict or <c>--fail-on</c>.
    /// </summary>
    public Suppression? Suppression { get; init; }
}
