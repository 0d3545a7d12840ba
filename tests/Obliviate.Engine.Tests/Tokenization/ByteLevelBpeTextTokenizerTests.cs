using Obliviate.Tests;
using Obliviate.Engine.Tokenization;

namespace Obliviate.Engine.Tests.Tokenization;

public sealed class ByteLevelBpeTextTokenizerTests
{
    [Fact]
    public void Spaces_become_G_dot_and_roberta_special_tokens_wrap_the_text()
    {
        using var folder = new TempFolder();
        var tokenizer = TokenizerLoader.FromFolder(TinyVocabularies.BpeFolder(folder));
        Assert.Equal(TokenizerFamily.ByteLevelBpe, tokenizer.Family);
        var encoded = tokenizer.Encode("hello world!");
        // <s> hello Ġworld ! </s>
        Assert.Equal([0, 16, 21, 12, 2], encoded.Ids);
        Assert.All(encoded.TypeIds, t => Assert.Equal(0, t));
        Assert.Equal(1, tokenizer.PadId);
    }

    [Fact]
    public void A_word_after_a_space_tokenizes_differently_from_the_same_word_at_the_start()
    {
        using var folder = new TempFolder();
        var tokenizer = TokenizerLoader.FromFolder(TinyVocabularies.BpeFolder(folder));
        Assert.Equal([16, 22], tokenizer.Tokenize("hello hello"));
    }

    [Fact]
    public void Pairs_use_the_double_separator_and_zero_token_types()
    {
        using var folder = new TempFolder();
        var tokenizer = TokenizerLoader.FromFolder(TinyVocabularies.BpeFolder(folder));
        var pair = tokenizer.Encode("hello", "world!");
        // <s> hello </s></s> world ! </s>: "world" at the start has no Ġ, so it splits into w or ld.
        Assert.Equal([0, 16, 2, 2, 9, 18, 20, 12, 2], pair.Ids);
        Assert.All(pair.TypeIds, t => Assert.Equal(0, t));
        Assert.Equal(4, tokenizer.SpecialTokenCount(pair: true));
    }

    [Fact]
    public void Special_tokens_in_the_text_are_kept_whole()
    {
        using var folder = new TempFolder();
        var tokenizer = TokenizerLoader.FromFolder(TinyVocabularies.BpeFolder(folder));
        Assert.Contains(23, tokenizer.Tokenize("hello<mask>"));
    }

    [Fact]
    public void Decode_restores_the_spaces()
    {
        using var folder = new TempFolder();
        var tokenizer = TokenizerLoader.FromFolder(TinyVocabularies.BpeFolder(folder));
        Assert.Equal("hello world!", tokenizer.Decode(tokenizer.Encode("hello world!").Ids));
    }

    [Fact]
    public void Batches_pad_with_the_pad_id()
    {
        using var folder = new TempFolder();
        var tokenizer = TokenizerLoader.FromFolder(TinyVocabularies.BpeFolder(folder));
        var batch = tokenizer.EncodeBatch(["hello", "hello world!"]);
        Assert.Equal([0L, 16, 2, 1, 1, 0, 16, 21, 12, 2], batch.InputIds);
        Assert.Equal([1L, 1, 1, 0, 0, 1, 1, 1, 1, 1], batch.AttentionMask);
    }

    [Fact]
    public void Malformed_vocab_json_names_the_file()
    {
        using var folder = new TempFolder();
        folder.Write("vocab.json", "{ not json");
        folder.Write("merges.txt", "#version: 0.2\n");
        var e = Assert.Throws<InvalidDataException>(() => TokenizerLoader.FromFolder(folder.Path));
        Assert.Contains("vocab.json", e.Message);
    }

    [Fact]
    public void A_malformed_merge_line_is_reported_with_its_number()
    {
        using var folder = new TempFolder();
        TinyVocabularies.BpeFolder(folder);
        folder.Write("merges.txt", "#version: 0.2\nh e\nhe ll o\n");
        var e = Assert.Throws<InvalidDataException>(() => TokenizerLoader.FromFolder(folder.Path));
        Assert.Contains("merge 3", e.Message);
    }
}
