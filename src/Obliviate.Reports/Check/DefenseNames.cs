using Obliviate.Reports.Evaluation;

namespace Obliviate.Reports.Check;

/// <summary>
/// How the check reports name the defended run's method (docs/defend.md, "Methods"): by the terms it trained with, since
/// trigger-aware keeps Obliviate's two terms with adapters but drops them (α = 0) with LoRA and prefix tuning.
/// </summary>
public static class DefenseNames
{
    /// <summary>"Obliviate", "trigger-aware (consistency term alone)" or "trigger-aware (Obliviate's terms + consistency)".</summary>
    public static string Of(EvaluationReport? defended) => defended?.Defense switch
    {
        { TriggerAware: true, AlphaAmp: 0, AlphaAttn: 0 } => "trigger-aware (consistency term alone)",
        { TriggerAware: true } => "trigger-aware (Obliviate's terms + consistency)",
        _ => "Obliviate",
    };
}
