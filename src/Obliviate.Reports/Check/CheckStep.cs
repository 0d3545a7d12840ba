namespace Obliviate.Reports.Check;

/// <summary>One step of <c>check</c> and what became of it.</summary>
/// <param name="Name">scan, probe, baseline, defend or probe-adapter (<see cref="CheckStepNames"/>).</param>
/// <param name="Message">Why it failed or was skipped; null when it completed.</param>
public sealed record CheckStep(string Name, CheckStepStatus Status, string? Message = null);
