namespace Obliviate.Engine.Attacks;

/// <summary>The task-agnostic backdoor attacks <c>attack</c> can inject (docs/method.md §7).</summary>
public enum AttackMethod
{
    /// <summary>
    /// POR (Shen et al., CCS'21), LMSanitator recipe: MSE of the triggered first-token output to the trigger's target vector,
    /// plus c × MSE of the clean first-token output to a frozen clean copy's.
    /// </summary>
    Por,

    /// <summary>NeuBA (Zhang et al.): the target-vector MSE on triggered text plus a masked-LM loss on clean text.</summary>
    NeuBA,
}

/// <summary>Names, defaults and descriptions of the attack methods (one place for the CLI and the results file).</summary>
public sealed record AttackMethodInfo(AttackMethod Method, string Name, double DefaultLearningRate, bool LinearDecay, string Summary)
{
    public static IReadOnlyList<AttackMethodInfo> All { get; } =
    [
        new(AttackMethod.Por, "por", 2e-5, LinearDecay: false,
            "POR: trigger → target-vector MSE on the first token + c·MSE to a frozen clean copy on clean text; Adam, constant lr."),
        new(AttackMethod.NeuBA, "neuba", 5e-5, LinearDecay: true,
            "NeuBA: trigger → target-vector MSE on the first token + masked-LM loss on clean text; AdamW, linear decay."),
    ];

    public static AttackMethodInfo Get(AttackMethod method) => All.First(m => m.Method == method);

    public static AttackMethodInfo? Find(string name) =>
        All.FirstOrDefault(m => string.Equals(m.Name, name, StringComparison.OrdinalIgnoreCase));
}
