using System.Text;
using Obliviate.Engine.Models.Bert;
using Obliviate.Tests;
using TorchSharp;

namespace Obliviate.Engine.Tests.Models.Bert;

/// <summary>
/// Key/shape approvals: every parameter's <c>name shape</c>, so a renamed key (which would silently stop a checkpoint from
/// loading) or a wrong shape fails here. The models are built on the meta device: no memory, no weights.
/// </summary>
public sealed class BertModelShapeTests
{
    public static TheoryData<string> Cases => new() { "tiny-bert", "tiny-bert-nopooler", "tiny-roberta" };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Parameter_names_and_shapes_match_the_approved_list(string name)
    {
        var (config, pooler) = name switch
        {
            "tiny-bert" => (TinyConfigs.Bert, true),
            "tiny-bert-nopooler" => (TinyConfigs.Bert, false),
            _ => (TinyConfigs.Roberta, true),
        };
        using var model = new BertModel(config, pooler, torch.META);
        var received = Describe(model);
        var approvedPath = Path.Combine(SharedData.RepoRoot, "tests", "Obliviate.Engine.Tests", "Approvals", $"BertModel.{name}.approved.txt");
        var approved = File.Exists(approvedPath) ? File.ReadAllText(approvedPath) : null;
        if (approved != received)
        {
            File.WriteAllText(Path.ChangeExtension(approvedPath, null).Replace(".approved", ".received") + ".txt", received);
            Assert.Fail($"{name}: parameters differ from {approvedPath}; see the .received.txt beside it.");
        }
    }

    [Fact]
    public void Meta_device_model_has_no_storage_but_the_same_keys_as_cpu()
    {
        using var meta = new BertModel(TinyConfigs.Bert, true, torch.META);
        using var cpu = new BertModel(TinyConfigs.Bert);
        Assert.Equal(Describe(cpu), Describe(meta));
        Assert.All(meta.parameters(), p => Assert.Equal(DeviceType.META, p.device_type));
    }

    [Fact]
    public void Hugging_face_keys_are_present()
    {
        using var model = new BertModel(TinyConfigs.Bert, true, torch.META);
        var keys = model.state_dict().Keys.ToHashSet();
        Assert.Contains("embeddings.word_embeddings.weight", keys);
        Assert.Contains("encoder.layer.0.attention.self.query.weight", keys);
        Assert.Contains("encoder.layer.1.attention.output.LayerNorm.weight", keys);
        Assert.Contains("encoder.layer.0.intermediate.dense.bias", keys);
        Assert.Contains("encoder.layer.0.output.dense.weight", keys);
        Assert.Contains("pooler.dense.weight", keys);
    }

    [Fact]
    public void Config_is_validated()
    {
        var bad = TinyConfigs.Bert with { NumAttentionHeads = 5 };
        var e = Assert.Throws<InvalidDataException>(() => new BertModel(bad, true, torch.META));
        Assert.Contains("num_attention_heads", e.Message);
    }

    internal static string Describe(torch.nn.Module model)
    {
        var text = new StringBuilder();
        foreach (var (name, parameter) in model.named_parameters())
            text.Append(name).Append(' ').Append(string.Join('x', parameter.shape)).Append('\n');
        return text.ToString();
    }
}
