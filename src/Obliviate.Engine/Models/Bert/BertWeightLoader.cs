using TorchSharp;
using static TorchSharp.torch;

namespace Obliviate.Engine.Models.Bert;

/// <summary>
/// Copies checkpoint tensors into an encoder's parameters by normalised key (see <see cref="CheckpointKeys"/>).
/// A missing encoder key (when strict), a shape mismatch or a key provided twice (e.g. with and without the <c>bert.</c> prefix) is an
/// <see cref="InvalidDataException"/> naming the keys; unexpected keys and heads are reported, not fatal.
/// </summary>
internal static class BertWeightLoader
{
    public static WeightLoadReport Load(nn.Module model, IEnumerable<CheckpointTensor> tensors, string source, bool strict)
    {
        var parameters = model.state_dict();
        var loaded = new List<string>();
        var unexpected = new List<string>();
        var heads = new List<string>();
        var buffers = new List<string>();
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        using (torch.no_grad())
        {
            foreach (var tensor in tensors)
            {
                var (kind, key) = CheckpointKeys.Normalize(tensor.Name);
                switch (kind)
                {
                    case CheckpointKeyKind.Head: heads.Add(tensor.Name); continue;
                    case CheckpointKeyKind.Buffer: buffers.Add(tensor.Name); continue;
                }
                if (!parameters.TryGetValue(key, out var target))
                {
                    unexpected.Add(tensor.Name);
                    continue;
                }
                if (seen.TryGetValue(key, out var first))
                    throw new InvalidDataException($"{source}: '{tensor.Name}' and '{first}' both map to encoder key '{key}'.");
                seen[key] = tensor.Name;
                var expected = target.shape;
                if (!expected.SequenceEqual(tensor.Shape))
                {
                    throw new InvalidDataException(
                        $"{source}: '{tensor.Name}' has shape [{string.Join(",", tensor.Shape)}], the model expects " +
                        $"[{string.Join(",", expected)}] for '{key}' (does config.json match the weights?).");
                }
                var values = tensor.ReadFloats();
                using var cpu = torch.tensor(values, expected);
                target.copy_(cpu);
                loaded.Add(key);
            }
        }
        var missing = parameters.Keys.Where(k => !seen.ContainsKey(k)).ToList();
        if (strict && missing.Count > 0)
        {
            throw new InvalidDataException(
                $"{source}: missing encoder weights ({missing.Count}): {string.Join(", ", missing.Take(20))}" +
                (missing.Count > 20 ? ", …" : "") +
                (unexpected.Count > 0 ? $". Unexpected keys: {string.Join(", ", unexpected.Take(20))}" : ""));
        }
        return new WeightLoadReport
        {
            Loaded = loaded,
            Missing = missing,
            Unexpected = unexpected,
            IgnoredHeads = heads,
            IgnoredBuffers = buffers,
        };
    }
}
