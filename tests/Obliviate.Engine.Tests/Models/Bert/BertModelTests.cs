using Obliviate.Engine.Models.Bert;
using Obliviate.Engine.Models.Roberta;
using TorchSharp;
using static TorchSharp.torch;

namespace Obliviate.Engine.Tests.Models.Bert;

public sealed class BertModelTests
{
    [Fact]
    public void Forward_returns_hidden_state_pooler_attentions_and_first_token_scores_with_documented_shapes()
    {
        using var scope = torch.NewDisposeScope();
        using var model = TinyModels.Create(TinyConfigs.Bert);
        var output = model.forward(TinyModels.Input(TinyConfigs.Bert, attentions: true, scores: true));

        Assert.Equal([2L, 6, 16], output.LastHiddenState.shape);
        Assert.Equal([2L, 16], output.PoolerOutput!.shape);
        Assert.Equal(2, output.Attentions!.Count);
        Assert.Equal(2, output.FirstTokenScores!.Count);
        Assert.Equal([2L, 4, 6, 6], output.Attentions[0].shape);
        Assert.Equal([2L, 4, 6], output.FirstTokenScores[0].shape);
        // Probabilities sum to one over keys, and padding keys get none.
        Assert.True(TinyModels.MaxAbsDiff(output.Attentions[1].sum(-1), torch.ones(2, 4, 6)) < 1e-5);
        Assert.True(output.Attentions[0][1, .., .., 4..].abs().max().item<float>() < 1e-12);
    }

    [Fact]
    public void First_token_scores_are_the_pre_softmax_scaled_scores_before_the_mask()
    {
        using var scope = torch.NewDisposeScope();
        using var model = TinyModels.Create(TinyConfigs.Bert);
        var output = model.forward(TinyModels.Input(TinyConfigs.Bert, attentions: true, scores: true));
        for (var layer = 0; layer < 2; layer++)
        {
            var scores = output.FirstTokenScores![layer];
            // Padding columns are unmasked (finite, not finfo.min): the defense zeroes them itself.
            Assert.True(scores.abs().max().item<float>() < 1e3);
            // softmax over the real keys of the scores reproduces the first query row of the probabilities.
            var real = scores[1, .., ..4].softmax(-1);
            var probs = output.Attentions![layer][1, .., 0, ..4];
            Assert.True(TinyModels.MaxAbsDiff(real, probs) < 1e-6);
            Assert.True(TinyModels.MaxAbsDiff(scores[0].softmax(-1), output.Attentions[layer][0, .., 0, ..]) < 1e-6);
        }
    }

    [Fact]
    public void Fused_attention_path_matches_the_explicit_path()
    {
        using var scope = torch.NewDisposeScope();
        using var model = TinyModels.Create(TinyConfigs.Bert);
        var fused = model.forward(TinyModels.Input(TinyConfigs.Bert));
        var explicitPath = model.forward(TinyModels.Input(TinyConfigs.Bert, attentions: true));
        Assert.Null(fused.Attentions);
        Assert.True(TinyModels.MaxAbsDiff(fused.LastHiddenState, explicitPath.LastHiddenState) < 1e-5);
    }

    [Theory]
    [InlineData("bert")]
    [InlineData("roberta")]
    public void Padding_does_not_change_the_real_tokens(string family)
    {
        using var scope = torch.NewDisposeScope();
        var config = family == "bert" ? TinyConfigs.Bert : TinyConfigs.Roberta;
        using var model = TinyModels.Create(config);
        var padded = model.forward(TinyModels.Input(config)).LastHiddenState[1, ..4];
        var alone = model.forward(new EncoderInput { InputIds = torch.tensor(new long[] { 2, 21, 22, 3 }, [1, 4]) })
            .LastHiddenState[0];
        Assert.True(TinyModels.MaxAbsDiff(padded, alone) < 1e-5);
    }

    [Fact]
    public void Same_seed_gives_the_same_model_and_a_different_seed_does_not()
    {
        using var scope = torch.NewDisposeScope();
        using var a = TinyModels.Create(TinyConfigs.Bert, seed: 3);
        using var b = TinyModels.Create(TinyConfigs.Bert, seed: 3);
        using var c = TinyModels.Create(TinyConfigs.Bert, seed: 4);
        var input = TinyModels.Input(TinyConfigs.Bert);
        Assert.Equal(0.0, TinyModels.MaxAbsDiff(a.forward(input).LastHiddenState, b.forward(input).LastHiddenState));
        Assert.True(TinyModels.MaxAbsDiff(a.forward(input).LastHiddenState, c.forward(input).LastHiddenState) > 1e-3);
    }

    [Fact]
    public void Dropout_is_active_in_training_and_off_in_eval()
    {
        using var scope = torch.NewDisposeScope();
        using var model = TinyModels.Create(TinyConfigs.Bert);
        var input = TinyModels.Input(TinyConfigs.Bert);
        var eval1 = model.forward(input).LastHiddenState;
        var eval2 = model.forward(input).LastHiddenState;
        Assert.Equal(0.0, TinyModels.MaxAbsDiff(eval1, eval2));
        model.train();
        var train = model.forward(input).LastHiddenState;
        Assert.True(TinyModels.MaxAbsDiff(eval1, train) > 1e-4);
    }

    [Fact]
    public void Roberta_position_ids_start_after_the_padding_index()
    {
        using var scope = torch.NewDisposeScope();
        var ids = torch.tensor(new long[] { 0, 5, 6, 2, 1, 1 }, [1, 6]);
        var positions = RobertaPositionIds.Create(ids, paddingIdx: 1);
        Assert.Equal([2L, 3, 4, 5, 1, 1], positions.data<long>().ToArray());
    }

    [Fact]
    public void Roberta_forward_equals_bert_with_the_position_table_shifted_past_the_padding_index()
    {
        using var scope = torch.NewDisposeScope();
        using var roberta = TinyModels.Create(TinyConfigs.Roberta);
        using var bert = TinyModels.Create(TinyConfigs.Roberta with { ModelType = "bert" });
        var source = roberta.state_dict();
        using (torch.no_grad())
        {
            foreach (var (k, v) in bert.state_dict()) v.copy_(source[k]);
            // RoBERTa gives real token t position pad + 1 + t = t + 2; a BERT table whose row t is RoBERTa's row t + 2
            // therefore computes the same function on unpadded input.
            var table = bert.state_dict()["embeddings.position_embeddings.weight"];
            table[..20].copy_(source["embeddings.position_embeddings.weight"][2..]);
        }
        var ids = torch.tensor(new long[] { 0, 5, 6, 7, 8, 2 }, [1, 6]);
        var r = roberta.forward(new EncoderInput { InputIds = ids }).LastHiddenState;
        var b = bert.forward(new EncoderInput { InputIds = ids }).LastHiddenState;
        Assert.True(TinyModels.MaxAbsDiff(r, b) < 1e-6);
        Assert.Equal(roberta.Config.MaxPositionEmbeddings - 2, roberta.MaxTokens);
    }

    [Fact]
    public void Exact_gelu_is_the_erf_form()
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.tensor(new float[] { -1f, 1f, 2f });
        var erf = TorchSharp.torch.nn.functional.gelu(x).data<float>().ToArray();
        // 0.5·x·(1 + erf(x/√2)): Φ(1) = 0.841344746.
        Assert.Equal(0.8413447, erf[1], 6);
        Assert.Equal(-0.1586553, erf[0], 6);
        Assert.Equal(1.9544997, erf[2], 6);
    }

    [Fact]
    public void Sequences_longer_than_the_position_table_are_rejected()
    {
        using var scope = torch.NewDisposeScope();
        using var model = TinyModels.Create(TinyConfigs.Bert);
        var ids = torch.ones(1, 21, dtype: ScalarType.Int64);
        var e = Assert.Throws<ArgumentException>(() => model.forward(new EncoderInput { InputIds = ids }));
        Assert.Contains("exceeds", e.Message);
    }
}
