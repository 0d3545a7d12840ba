using Obliviate.Tests;
using Obliviate.Engine.Tokenization;

namespace Obliviate.Engine.Tests.Tokenization;

public sealed class WordPieceTextTokenizerTests
{
    [Fact]
    public void Lower_cased_text_splits_into_word_pieces_with_cls_and_sep()
    {
        using var folder = new TempFolder();
        var tokenizer = TokenizerLoader.FromFolder(TinyVocabularies.WordPieceFolder(folder, doLowerCase: true));
        Assert.Equal(TokenizerFamily.WordPiece, tokenizer.Family);
        var encoded = tokenizer.Encode("The quick brown fox jumps over the lazy dog.");
        Assert.Equal([2, 5, 6, 7, 8, 9, 10, 11, 5, 12, 13, 14, 3], encoded.Ids);
        Assert.All(encoded.TypeIds, t => Assert.Equal(0, t));
    }

    [Fact]
    public void Lower_casing_strips_accents_and_unknown_words_become_unk()
    {
        using var folder = new TempFolder();
        var tokenizer = TokenizerLoader.FromFolder(TinyVocabularies.WordPieceFolder(folder, doLowerCase: true));
        Assert.Equal([16, 17, 18, 19, 20, 1], tokenizer.Tokenize("Café, UNBELIEVABLE zebra"));
    }

    [Fact]
    public void Cased_vocabulary_keeps_case_when_tokenizer_config_says_so()
    {
        using var folder = new TempFolder();
        var tokenizer = TokenizerLoader.FromFolder(TinyVocabularies.WordPieceFolder(folder, doLowerCase: false));
        Assert.Equal([15, 6, 1], tokenizer.Tokenize("The quick Fox"));
        Assert.False(((WordPieceTextTokenizer)tokenizer).LowerCase);
    }

    [Fact]
    public void Without_tokenizer_config_lower_casing_is_the_default()
    {
        using var folder = new TempFolder();
        var tokenizer = TokenizerLoader.FromFolder(TinyVocabularies.WordPieceFolder(folder, doLowerCase: null));
        Assert.Equal([5, 8], tokenizer.Tokenize("THE FOX"));
    }

    [Fact]
    public void Pairs_get_segment_ids_and_longest_first_truncation()
    {
        using var folder = new TempFolder();
        var tokenizer = TokenizerLoader.FromFolder(TinyVocabularies.WordPieceFolder(folder, doLowerCase: true));
        var pair = tokenizer.Encode("the quick brown fox", "lazy dog", maxLength: 20);
        Assert.Equal([2, 5, 6, 7, 8, 3, 12, 13, 3], pair.Ids);
        Assert.Equal([0, 0, 0, 0, 0, 0, 1, 1, 1], pair.TypeIds);

        // Budget 8 − 3 specials = 5 tokens: the longer first text loses two, leaving 3 + 2.
        var truncated = tokenizer.Encode("the quick brown fox jumps", "lazy dog", maxLength: 8);
        Assert.Equal([2, 5, 6, 7, 3, 12, 13, 3], truncated.Ids);
        Assert.Equal(8, truncated.Length);
    }

    [Fact]
    public void Single_texts_are_truncated_to_max_length_with_the_end_token_kept()
    {
        using var folder = new TempFolder();
        var tokenizer = TokenizerLoader.FromFolder(TinyVocabularies.WordPieceFolder(folder, doLowerCase: true));
        Assert.Equal([2, 5, 6, 3], tokenizer.Encode("the quick brown fox", maxLength: 4).Ids);
        Assert.Throws<ArgumentOutOfRangeException>(() => tokenizer.Encode("the", maxLength: 2));
    }

    [Fact]
    public void Batches_are_padded_dynamically_with_masks()
    {
        using var folder = new TempFolder();
        var tokenizer = TokenizerLoader.FromFolder(TinyVocabularies.WordPieceFolder(folder, doLowerCase: true));
        var batch = tokenizer.EncodeBatch(["the fox", "the lazy brown dog"]);
        Assert.Equal(2, batch.BatchSize);
        Assert.Equal(6, batch.SequenceLength);
        Assert.Equal([2L, 5, 8, 3, 0, 0, 2, 5, 12, 7, 13, 3], batch.InputIds);
        Assert.Equal([1L, 1, 1, 1, 0, 0, 1, 1, 1, 1, 1, 1], batch.AttentionMask);
        Assert.Equal([4, 6], batch.Lengths);
        Assert.Equal([2L, 5, 8, 3], batch.RowIds(0));

        var fixedLength = tokenizer.EncodeBatch(["the fox"], maxLength: 8, padToMaxLength: true);
        Assert.Equal(8, fixedLength.SequenceLength);
    }

    [Fact]
    public void Decode_drops_special_tokens()
    {
        using var folder = new TempFolder();
        var tokenizer = TokenizerLoader.FromFolder(TinyVocabularies.WordPieceFolder(folder, doLowerCase: true));
        Assert.Equal("the quick fox", tokenizer.Decode(tokenizer.Encode("The quick fox").Ids));
        Assert.Equal(8, tokenizer.TokenToId("fox"));
        Assert.Null(tokenizer.TokenToId("zebra"));
    }

    [Fact]
    public void A_vocabulary_without_special_tokens_is_rejected()
    {
        using var folder = new TempFolder();
        folder.Write("vocab.txt", "a\nb\n");
        var e = Assert.Throws<InvalidDataException>(() => TokenizerLoader.FromFolder(folder.Path));
        Assert.Contains("vocab.txt", e.Message);
        Assert.Contains("[CLS]", e.Message);
    }

    [Fact]
    public void An_oversized_vocabulary_file_is_rejected_before_parsing()
    {
        using var folder = new TempFolder();
        var path = folder.Write("vocab.txt", string.Join('\n', TinyVocabularies.WordPiece));
        var e = Assert.Throws<InvalidDataException>(() =>
            WordPieceTextTokenizer.FromVocabFile(path, true, limits: new TokenizerLimits { MaxVocabFileBytes = 10 }));
        Assert.Contains("limit", e.Message);
    }

    [Fact]
    public void A_folder_without_tokenizer_files_names_what_it_looked_for()
    {
        using var folder = new TempFolder();
        var e = Assert.Throws<FileNotFoundException>(() => TokenizerLoader.FromFolder(folder.Path));
        Assert.Contains("tokenizer.json", e.Message);
    }

    [Theory]
    [InlineData(10, 0, 5)]
    [InlineData(3, 9, 6)]
    [InlineData(7, 7, 5)]
    [InlineData(8, 7, 5)]
    [InlineData(2, 2, 10)]
    [InlineData(100, 1, 1)]
    public void Longest_first_closed_form_matches_removing_one_token_at_a_time(int first, int second, int budget)
    {
        int a = first, b = second;
        while (a + b > budget)
        {
            if (a > b) a--; else b--;
        }
        Assert.Equal((a, b), TextTokenizer.LongestFirst(first, second, budget));
    }
}
