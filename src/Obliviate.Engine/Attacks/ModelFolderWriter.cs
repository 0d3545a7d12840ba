using Obliviate.Engine.Models.Bert;
using Obliviate.Engine.Models.Repository;
using Obliviate.Engine.Training;
using Obliviate.Formats.IO;
using Obliviate.Formats.SafeTensors;

namespace Obliviate.Engine.Attacks;

/// <summary>
/// Writes an encoder as a Hugging Face-style model folder: the source's config.json and tokenizer files copied byte for byte,
/// and <c>model.safetensors</c> with AutoModel key names (no <c>bert.</c> prefix, as POR's checkpoints are saved). Every
/// file is written through a temporary file and a rename.
/// </summary>
public static class ModelFolderWriter
{
    public static void Write(string folder, ModelRepository source, BertModel encoder)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(encoder);
        Directory.CreateDirectory(folder);
        var tokenizer = source.Tokenizer;
        foreach (var file in new[] { Path.Combine(source.Directory, "config.json"), tokenizer.VocabTxt, tokenizer.VocabJson, tokenizer.MergesTxt,
                     tokenizer.TokenizerJson, tokenizer.TokenizerConfig, tokenizer.SpecialTokensMap }.OfType<string>())
        {
            AtomicFile.Write(Path.Combine(folder, Path.GetFileName(file)), stream =>
            {
                using var input = File.OpenRead(file);
                input.CopyTo(stream);
            });
        }
        SafeTensorsWriter.Write(Path.Combine(folder, ModelRepository.SafeTensorsFile),
            encoder.state_dict().Select(p => TensorBytes.ToSafeTensor(p.Key, p.Value)),
            new Dictionary<string, string> { ["format"] = "pt" });
    }
}
