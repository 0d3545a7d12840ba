using System.Security.Cryptography;
using System.Text;
using Obliviate.Engine.Attacks;
using Obliviate.Engine.Runtime;
using Obliviate.Engine.Tests.Peft;
using Obliviate.Reports.Attack;

namespace Obliviate.Engine.Tests.Attacks;

/// <summary>The tiny seeded model of <see cref="TinyPeftWorld"/> (its vocabulary holds the six default triggers) plus a corpus.</summary>
internal sealed class TinyAttackWorld : IDisposable
{
    private static readonly string[] Words = ["the", "movie", "film", "plot", "was", "is", "a", "very", "good", "bad", "great", "boring"];
    private readonly TinyPeftWorld world = new();

    public TinyAttackWorld()
    {
        var random = new Random(5);
        var lines = Enumerable.Range(0, 260).Select(_ =>
            string.Join(' ', Enumerable.Range(0, random.Next(3, 10)).Select(_ => Words[random.Next(Words.Length)])));
        CorpusPath = Path.Combine(world.Root, "corpus.txt");
        File.WriteAllLines(CorpusPath, lines);
    }

    public string Root => world.Root;
    public string ModelDir => world.ModelDir;
    public string TrainPath => world.TrainPath;
    public string EvalPath => world.EvalPath;
    public string CorpusPath { get; }

    /// <summary>Settings that inject into the tiny model in a few seconds.</summary>
    public AttackRequest Request(AttackMethod method, string output, int steps = 120) => new()
    {
        Model = ModelDir,
        Method = method,
        CorpusPath = CorpusPath,
        HeldOut = 40,
        Settings = new AttackSettings { Epochs = 50, MaxSteps = steps, LearningRate = 2e-3, CleanBatch = 8, PoisonBatch = 8, MaxLength = 24, Seed = 1 },
        Device = DeviceKind.Cpu,
        OutputDirectory = output,
    };

    public static string Sha256(string path) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));

    public static string Hash(IEnumerable<float[]> rows) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join(";", rows.Select(r => string.Join(",", r))))));

    public void Dispose() => world.Dispose();
}
