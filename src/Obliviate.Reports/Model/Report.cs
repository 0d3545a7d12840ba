using System.Text.Json.Serialization;

namespace Obliviate.Reports.Model;

/// <summary>
/// What every result of the tool shares: the kind of report and the version of its JSON schema, first in every JSON
/// document, so a reader knows what it holds before reading further (docs/reports.md).
/// </summary>
public abstract record Report
{
    /// <summary>Bumped when a field is renamed or removed, or changes meaning; new optional fields keep the version.</summary>
    public const int CurrentSchemaVersion = 1;

    [JsonPropertyOrder(-100)]
    public int SchemaVersion { get; init; } = CurrentSchemaVersion;

    /// <summary>scan, inspection, evaluation, attack, probe or check.</summary>
    [JsonPropertyOrder(-99)]
    public abstract string Kind { get; }
}
