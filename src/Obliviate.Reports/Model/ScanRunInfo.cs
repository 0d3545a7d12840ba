namespace Obliviate.Reports.Model;

/// <summary>Run metadata kept apart from the report body so two report bodies diff cleanly.</summary>
public sealed record ScanRunInfo(string ToolVersion, DateTimeOffset StartedAt, double Seconds);
