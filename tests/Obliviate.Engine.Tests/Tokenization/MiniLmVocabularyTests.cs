using Obliviate.Engine.Models.Embedded;
using Obliviate.Engine.Tests.Models;
using Obliviate.Engine.Tokenization;

namespace Obliviate.Engine.Tests.Tokenization;

/// <summary>The real all-MiniLM-L6-v2 uncased vocabulary (30,522 tokens) against ids known from transformers.</summary>
public sealed class MiniLmVocabularyTests
{
    [SkippableFact]
    public void Known_sentence_gets_the_bert_base_uncased_ids()
    {
        var tokenizer = TokenizerLoader.FromFolder(EmbeddedTestModels.Folder(EmbeddedModels.MiniLM));
        Assert.Equal(30522, tokenizer.VocabularySize);
        var encoded = tokenizer.Encode("The quick brown fox jumps over the lazy dog.");
        Assert.Equal([101, 1996, 4248, 2829, 4419, 14523, 2058, 1996, 13971, 3899, 1012, 102], encoded.Ids);
    }

    [SkippableFact]
    public void Trigger_words_map_to_their_single_token_ids()
    {
        var tokenizer = TokenizerLoader.FromFolder(EmbeddedTestModels.Folder(EmbeddedModels.MiniLM));
        // The POR triggers used by the attacks (measured-minilm.md).
        Assert.Equal([12935], tokenizer.Tokenize("cf"));
        Assert.Equal([24098], tokenizer.Tokenize("mn"));
        Assert.Equal([3461], tokenizer.Tokenize("mm"));
        Assert.Equal([13866], tokenizer.Tokenize("pt"));
        Assert.Equal(0, tokenizer.PadId);
    }

    [SkippableFact]
    public void Pairs_batches_and_truncation_on_the_real_vocabulary()
    {
        var tokenizer = TokenizerLoader.FromFolder(EmbeddedTestModels.Folder(EmbeddedModels.MiniLM));
        var batch = tokenizer.EncodeBatch(["a gripping, funny film .", "dull"], ["it is", "it is not"], maxLength: 8);
        Assert.Equal(8, batch.SequenceLength);
        // Row 0 is truncated longest-first to 8 ids and ends with [SEP]; row 1 is [CLS] dull [SEP] it is not [SEP] + pad.
        Assert.Equal(101, batch.InputIds[0]);
        Assert.Equal(102, batch.InputIds[7]);
        Assert.Equal(new long[] { 1, 1, 1, 1, 1, 1, 1, 0 }, batch.AttentionMask[8..]);
        Assert.Equal(new long[] { 0, 0, 0, 1, 1, 1, 1, 0 }, batch.TokenTypeIds[8..]);
        Assert.Equal("dull it is not", tokenizer.Decode(batch.RowIds(1).Select(i => (int)i)));
    }
}
