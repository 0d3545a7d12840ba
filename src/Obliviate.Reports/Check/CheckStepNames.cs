namespace Obliviate.Reports.Check;

/// <summary>
/// The steps of <c>check</c>, in the order they run. <c>--checks</c> names the first three; <c>defend</c> runs two trainings
/// (the plain-PEFT baseline and the defended run) and, when the probe is also asked for, probes the defended adapter.
/// </summary>
public static class CheckStepNames
{
    public const string Scan = "scan";
    public const string Probe = "probe";
    public const string Defend = "defend";

    /// <summary>Plain PEFT training without the defense: the "before" of the before/after comparison.</summary>
    public const string Baseline = "baseline";

    /// <summary>The probe run again with the defended adapter attached.</summary>
    public const string ProbeAdapter = "probe-adapter";

    /// <summary>What <c>--checks</c> accepts.</summary>
    public static IReadOnlyList<string> Selectable { get; } = [Scan, Probe, Defend];
}
