namespace Obliviate.Reports.Check;

/// <summary>Timings of one check, kept apart from the body so two checks of the same model diff cleanly.</summary>
/// <param name="StepSeconds">Wall time per step name, in run order.</param>
public sealed record CheckRunInfo(string ToolVersion, DateTimeOffset StartedUtc, double Seconds, IReadOnlyDictionary<string, double> StepSeconds);
