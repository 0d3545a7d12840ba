using TorchSharp;
using static TorchSharp.torch;
using TorchSharp.Modules;

namespace Obliviate.Engine.Peft;

/// <summary>
/// Freezing and selection by name, as AdapterHub's <c>train_adapter</c> and peft do: every base weight is frozen (embeddings
/// and LayerNorms included), and the method keyword alone decides what trains.
/// </summary>
public static class PeftFreezer
{
    public static void FreezeAll(nn.Module module)
    {
        ArgumentNullException.ThrowIfNull(module);
        foreach (var p in module.parameters()) p.requires_grad = false;
    }

    /// <summary>Marks the parameters whose key contains <paramref name="keyword"/> trainable and returns them in key order.</summary>
    public static IReadOnlyList<KeyValuePair<string, Parameter>> SelectTrainable(
        IEnumerable<(string name, Parameter parameter)> named, string keyword)
    {
        var selected = new List<KeyValuePair<string, Parameter>>();
        foreach (var (name, p) in named)
        {
            if (!name.Contains(keyword, StringComparison.Ordinal)) continue;
            p.requires_grad = true;
            selected.Add(new(name, p));
        }
        if (selected.Count == 0) throw new InvalidOperationException($"no parameter name contains '{keyword}'.");
        return selected;
    }
}
