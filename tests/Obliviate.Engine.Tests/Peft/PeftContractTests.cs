using Obliviate.Engine.Classification;
using Obliviate.Engine.Defense;
using Obliviate.Engine.Peft;
using TorchSharp;
using static TorchSharp.torch;

namespace Obliviate.Engine.Tests.Peft;

/// <summary>The contract every PEFT method in the registry must keep (architecture §14), one row per method.</summary>
public class PeftContractTests
{
    public static TheoryData<string> Methods()
    {
        var data = new TheoryData<string>();
        foreach (var m in PeftRegistry.All) data.Add(m.Name);
        return data;
    }

    private static PeftMethodInfo Method(string name) => PeftRegistry.Find(name)!;

    [Theory]
    [MemberData(nameof(Methods))]
    public void Only_peft_modules_and_the_head_are_trainable(string name)
    {
        using var model = TinyPeftWorld.CreateClassifier(Method(name));
        var keyword = Method(name).Keyword;
        foreach (var (key, p) in model.named_parameters())
        {
            var expected = key.StartsWith("head.", StringComparison.Ordinal) || key.Contains(keyword, StringComparison.Ordinal);
            Assert.True(expected == p.requires_grad, $"{key}: requires_grad {p.requires_grad}");
        }
        Assert.All(model.Peft.Trainable, p => Assert.Contains(keyword, p.Key, StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public void Gradients_reach_only_peft_modules_and_the_head(string name)
    {
        using var world = new TinyPeftWorld();
        using var model = TinyPeftWorld.CreateClassifier(Method(name));
        model.train();
        using var scope = torch.NewDisposeScope();
        var output = model.forward(world.Batch(), wantFirstTokenScores: true);
        var ce = nn.functional.cross_entropy(output.Logits, torch.tensor(new long[] { 1, 0 }));
        var amp = ObliviateLoss.Amplification(model.Peft.Amplified.Select(p => (Tensor)p.Value));
        var attn = ObliviateLoss.Attention(output.FirstTokenScores!, output.AttentionMask, output.PrefixLength);
        (ce + 0.01 * amp + 0.1 * attn).backward();
        var reached = 0;
        foreach (var (key, p) in model.named_parameters())
        {
            var grad = p.grad;
            if (!p.requires_grad)
            {
                Assert.True(grad is null, $"{key} is frozen but got a gradient");
                continue;
            }
            Assert.NotNull(grad);
            if (grad!.abs().sum().item<float>() > 0) reached++;
        }
        // Every trainable tensor of the head and the PEFT modules except LoRA's zero-initialised B receives signal at step 0.
        Assert.True(reached >= model.TrainableParameters.Count / 2, $"only {reached} trainable tensors got a non-zero gradient");
    }

    [Theory]
    [InlineData("lora", 8)]      // 2 layers × (query, value) × (A, B)
    [InlineData("adapter", 16)]  // 2 layers × 2 sites × (down W, b, up W, b)
    [InlineData("prefix", 4)]    // control_trans.0/2 weight and bias; wte excluded
    public void Amplification_sums_the_method_tensors_without_head_or_prefix_embedding(string name, int tensors)
    {
        using var model = TinyPeftWorld.CreateClassifier(Method(name));
        Assert.Equal(tensors, model.Peft.Amplified.Count);
        Assert.DoesNotContain(model.Peft.Amplified, p => p.Key.Contains(".wte.", StringComparison.Ordinal));
        Assert.DoesNotContain(model.Peft.Amplified, p => p.Key.StartsWith("head", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public void Save_then_load_gives_identical_logits(string name)
    {
        using var world = new TinyPeftWorld();
        var dir = Path.Combine(world.Root, "adapter-" + name);
        var batch = world.Batch();
        float[] before;
        using (var model = TinyPeftWorld.CreateClassifier(Method(name)))
        {
            Perturb(model);
            model.eval();
            using (torch.no_grad()) before = model.forward(batch, false).Logits.data<float>().ToArray();
            ClassifierArtifacts.Save(dir, model, "tiny", 0.1);
        }
        Assert.True(File.Exists(Path.Combine(dir, PeftArtifactFiles.AdapterConfig)));
        Assert.True(File.Exists(Path.Combine(dir, Method(name).WeightsFile)));
        using var encoder = TinyPeftWorld.CreateEncoder();
        using var loaded = ClassifierArtifacts.Load(dir, encoder, 2);
        float[] after;
        using (torch.no_grad()) after = loaded.forward(batch, false).Logits.data<float>().ToArray();
        Assert.Equal(before, after);
        Assert.Equal(name, loaded.Peft.Method.Name);
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public void Loading_onto_another_encoder_size_fails_naming_the_file(string name)
    {
        using var world = new TinyPeftWorld();
        var dir = Path.Combine(world.Root, "adapter-" + name);
        using (var model = TinyPeftWorld.CreateClassifier(Method(name))) ClassifierArtifacts.Save(dir, model, "tiny", 0.1);
        var bigger = TinyPeftWorld.Config with { HiddenSize = 48, NumAttentionHeads = 4 };
        using var encoder = new Obliviate.Engine.Models.Bert.BertModel(bigger);
        var error = Assert.Throws<InvalidDataException>(() => ClassifierArtifacts.Load(dir, encoder, 2));
        Assert.Contains(dir, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public void The_same_seed_builds_the_same_modules(string name)
    {
        using var a = TinyPeftWorld.CreateClassifier(Method(name), seed: 9);
        using var b = TinyPeftWorld.CreateClassifier(Method(name), seed: 9);
        var pa = a.TrainableParameters;
        var pb = b.TrainableParameters;
        Assert.Equal(pa.Select(p => p.Key), pb.Select(p => p.Key));
        for (var i = 0; i < pa.Count; i++) Assert.Equal(pa[i].Value.data<float>().ToArray(), pb[i].Value.data<float>().ToArray());
    }

    /// <summary>Moves every trainable tensor off its initial value, so a save/load bug cannot hide behind zeros.</summary>
    internal static void Perturb(PeftClassifier model)
    {
        using var noGrad = torch.no_grad();
        using var generator = new Generator(3);
        foreach (var (_, p) in model.TrainableParameters) p.add_(torch.randn(p.shape, generator: generator) * 0.05);
    }
}
