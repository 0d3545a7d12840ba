using Obliviate.Reports.Evaluation;

namespace Obliviate.Reports.Check;

/// <summary>How the check reports name the defended run's method (docs/defend.md, "Methods").</summary>
public static class DefenseNames
{
    /// <summary>"trigger-aware Obliviate" or "Obliviate" (as published).</summary>
    public static string Of(EvaluationReport? defended) =>
        defended?.Defense?.Method == "trigger-aware" ? "trigger-aware Obliviate" : "Obliviate";
}
