using Obliviate.Reports.Model;

namespace Obliviate.Scanner;

/// <summary>A finished scan: the report (suppressions applied) and what it means against the request's <c>--fail-on</c>.</summary>
public sealed record ScanResult(ScanReport Report, Outcome Outcome);
