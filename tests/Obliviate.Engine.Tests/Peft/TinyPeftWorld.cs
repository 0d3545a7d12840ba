using System.Globalization;
using System.Text;
using Obliviate.Engine.Classification;
using Obliviate.Engine.Models;
using Obliviate.Engine.Models.Bert;
using Obliviate.Engine.Peft;
using Obliviate.Engine.Tokenization;
using Obliviate.Engine.Training;
using Obliviate.Formats.SafeTensors;
using TorchSharp;
using static TorchSharp.torch;

namespace Obliviate.Engine.Tests.Peft;

/// <summary>
/// A tiny random-initialised BERT model folder (config.json, vocab.txt, model.safetensors) plus a learnable toy sentiment task,
/// in a temporary folder deleted on dispose. Everything is seeded, so every test sees the same model and data.
/// </summary>
internal sealed class TinyPeftWorld : IDisposable
{
    public static readonly string[] Positive = ["good", "great", "fine", "nice", "love"];
    public static readonly string[] Negative = ["bad", "awful", "poor", "hate", "boring"];
    private static readonly string[] Filler = ["the", "movie", "film", "plot", "was", "is", "a", "very", "cf", "mn", "tq", "qt", "mm", "pt"];

    public static EncoderConfig Config => new()
    {
        ModelType = "bert",
        VocabSize = 5 + Positive.Length + Negative.Length + Filler.Length,
        HiddenSize = 32,
        NumHiddenLayers = 2,
        NumAttentionHeads = 4,
        IntermediateSize = 48,
        MaxPositionEmbeddings = 64,
        TypeVocabSize = 2,
        PadTokenId = 0,
    };

    public TinyPeftWorld()
    {
        Root = Path.Combine(Path.GetTempPath(), "obliviate-peft-" + Guid.NewGuid().ToString("N"));
        ModelDir = Path.Combine(Root, "model");
        Directory.CreateDirectory(ModelDir);
        File.WriteAllText(Path.Combine(ModelDir, "config.json"), Config.ToJson());
        File.WriteAllLines(Path.Combine(ModelDir, "vocab.txt"),
            ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", .. Positive, .. Negative, .. Filler]);
        File.WriteAllText(Path.Combine(ModelDir, "tokenizer_config.json"), "{\"do_lower_case\": true}");
        using (var model = CreateEncoder())
        {
            SafeTensorsWriter.Write(Path.Combine(ModelDir, "model.safetensors"),
                model.state_dict().Select(p => TensorBytes.ToSafeTensor(p.Key, p.Value)));
        }
        TrainPath = WriteTsv("train.tsv", 96, seed: 1);
        EvalPath = WriteTsv("eval.tsv", 24, seed: 2);
    }

    public string Root { get; }
    public string ModelDir { get; }
    public string TrainPath { get; }
    public string EvalPath { get; }

    public TextTokenizer Tokenizer => TokenizerLoader.FromFolder(ModelDir);

    /// <summary>A fresh seeded encoder with the folder's weights, in eval mode.</summary>
    public static BertModel CreateEncoder()
    {
        var model = new BertModel(Config);
        using var generator = new Generator(11);
        model.InitializeWeights(generator);
        model.eval();
        return model;
    }

    /// <summary>An encoder with <paramref name="method"/> attached and a head, seeded.</summary>
    public static PeftClassifier CreateClassifier(PeftMethodInfo method, double defenseDropout = 0.0, ulong seed = 5)
    {
        var encoder = CreateEncoder();
        using var generator = new Generator(seed);
        var peft = method.Inject(encoder, new PeftInjectionOptions(generator, defenseDropout));
        var head = new ClassificationHead(Config.HiddenSize, 2, 0.1, generator);
        return new PeftClassifier(encoder, peft, head);
    }

    /// <summary>A small padded batch: the second row is shorter, so it carries padding.</summary>
    public TokenBatch Batch() => Tokenizer.EncodeBatch(["the movie was very good", "awful plot"], maxLength: 32);

    public string WriteTsv(string name, int rows, int seed)
    {
        var random = new Random(seed);
        var text = new StringBuilder("sentence\tlabel\n");
        for (var i = 0; i < rows; i++)
        {
            var label = i % 2;
            var words = new List<string>();
            var length = random.Next(3, 9);
            for (var w = 0; w < length; w++) words.Add(Filler[random.Next(8)]);
            var cue = label == 1 ? Positive[random.Next(Positive.Length)] : Negative[random.Next(Negative.Length)];
            words.Insert(random.Next(words.Count + 1), cue);
            text.Append(string.Join(' ', words)).Append('\t').Append(label.ToString(CultureInfo.InvariantCulture)).Append('\n');
        }
        var path = Path.Combine(Root, name);
        File.WriteAllText(path, text.ToString());
        return path;
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
