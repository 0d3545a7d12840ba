using System.Globalization;
using System.Text;
using Obliviate.Engine.Models;
using Obliviate.Engine.Models.Bert;
using Obliviate.Engine.Training;
using Obliviate.Formats.SafeTensors;
using TorchSharp;

namespace Obliviate.Tool.Tests.Defend;

/// <summary>A tiny seeded BERT model folder and toy sentiment files in a temporary folder (deleted on dispose).</summary>
internal sealed class TinyModelFolder : IDisposable
{
    private static readonly string[] Words = ["good", "great", "love", "bad", "awful", "hate", "the", "movie", "was", "very"];

    /// <param name="initSeed">Seeds the random weights: two folders with different seeds are different base models.</param>
    public TinyModelFolder(ulong initSeed = 1)
    {
        Root = Path.Combine(Path.GetTempPath(), "obliviate-defend-" + Guid.NewGuid().ToString("N"));
        ModelDir = Path.Combine(Root, "model");
        Directory.CreateDirectory(ModelDir);
        var config = new EncoderConfig
        {
            VocabSize = 5 + Words.Length, HiddenSize = 16, NumHiddenLayers = 1, NumAttentionHeads = 2, IntermediateSize = 32,
            MaxPositionEmbeddings = 40,
        };
        System.IO.File.WriteAllText(Path.Combine(ModelDir, "config.json"), config.ToJson());
        System.IO.File.WriteAllLines(Path.Combine(ModelDir, "vocab.txt"), ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", .. Words]);
        using var model = new BertModel(config);
        using (var generator = new torch.Generator(initSeed)) model.InitializeWeights(generator);
        SafeTensorsWriter.Write(Path.Combine(ModelDir, "model.safetensors"), model.state_dict().Select(p => TensorBytes.ToSafeTensor(p.Key, p.Value)));
        TrainPath = Write("train.tsv", 48, 1);
        EvalPath = Write("eval.tsv", 12, 2);
    }

    public string Root { get; }
    public string ModelDir { get; }
    public string TrainPath { get; }
    public string EvalPath { get; }

    public string File(string name, string content)
    {
        var path = Path.Combine(Root, name);
        System.IO.File.WriteAllText(path, content);
        return path;
    }

    private string Write(string name, int rows, int seed)
    {
        var random = new Random(seed);
        var text = new StringBuilder("sentence\tlabel\n");
        for (var i = 0; i < rows; i++)
        {
            var label = i % 2;
            var cue = Words[random.Next(3) + (label == 1 ? 0 : 3)];
            text.Append(CultureInfo.InvariantCulture, $"the movie was {cue}\t{label}\n");
        }
        return File(name, text.ToString());
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}
