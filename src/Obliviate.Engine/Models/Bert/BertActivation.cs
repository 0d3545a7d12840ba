using static TorchSharp.torch;

namespace Obliviate.Engine.Models.Bert;

/// <summary>Maps Hugging Face <c>hidden_act</c> names to the function transformers uses for them.</summary>
internal static class BertActivation
{
    public static Func<Tensor, Tensor> For(string hiddenAct) => hiddenAct switch
    {
        // transformers' "gelu" and "gelu_python" are the exact erf form; BERT/RoBERTa checkpoints were trained with it.
        "gelu" or "gelu_python" => x => nn.functional.gelu(x),
        // "gelu_new" and "gelu_pytorch_tanh" are the tanh approximation (GPT-2 style).
        "gelu_new" or "gelu_pytorch_tanh" => x => nn.functional.gelu(x, TorchSharp.Modules.GELU.Approximate.tanh),
        "relu" => x => nn.functional.relu(x),
        _ => throw new NotSupportedException($"hidden_act '{hiddenAct}' is not supported."),
    };
}
