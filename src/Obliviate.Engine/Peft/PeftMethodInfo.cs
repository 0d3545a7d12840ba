namespace Obliviate.Engine.Peft;

/// <summary>
/// One row of <see cref="PeftRegistry"/>: what identifies a method's parameters and how to build and save it.
/// </summary>
/// <param name="Method">The method.</param>
/// <param name="Name">The CLI and file name (<c>lora</c>, <c>adapter</c>, <c>prefix</c>).</param>
/// <param name="Keyword">
/// The parameter-name keyword that alone selects what trains, what is saved and what L_amp sums (the reference's
/// <c>'lora' in name</c> test; docs/method.md §3.1).
/// </param>
/// <param name="AmplificationExcluded">Trainable tensors left out of L_amp (the prefix embedding <c>wte</c>, docs/method.md §3.1).</param>
/// <param name="DefaultLearningRate">
/// The default learning rate: adapter 3e-4 (the released setting, docs/method.md §4); LoRA 5e-4 and prefix 1e-3, which the
/// released code does not fix (prefix: plain prefix tuning collapsed at 5e-3 and 1e-2 and trained at 1e-3 on the defense
/// table's dev split, docs/defend.md).
/// </param>
/// <param name="WeightsFile">The adapter weights file name in the output folder.</param>
/// <param name="Format">The on-disk format: Hugging Face <c>peft</c>, or the <c>adapters</c> library for Houlsby adapters (peft has none).</param>
/// <param name="Inject">Builds the method's modules from its default config and attaches them to a frozen encoder.</param>
public sealed record PeftMethodInfo(
    PeftMethod Method,
    string Name,
    string Keyword,
    IReadOnlyList<string> AmplificationExcluded,
    double DefaultLearningRate,
    string WeightsFile,
    string Format,
    Func<Models.Bert.BertModel, PeftInjectionOptions, PeftAttachment> Inject);
