using Obliviate.Tests;
using System.Text.Json;
using Obliviate.Engine.Tokenization;

namespace Obliviate.Engine.Tests.Tokenization;

public sealed class HfTokenizerJsonTests
{
    private static string WordPieceJson(bool lowercase) => JsonSerializer.Serialize(new
    {
        version = "1.0",
        added_tokens = new[] { new { id = 0, content = "[PAD]", special = true }, new { id = 2, content = "[CLS]", special = true } },
        normalizer = new { type = "BertNormalizer", clean_text = true, handle_chinese_chars = true, strip_accents = (bool?)null, lowercase },
        pre_tokenizer = new { type = "BertPreTokenizer" },
        post_processor = new { type = "BertProcessing", sep = new object[] { "[SEP]", 3 }, cls = new object[] { "[CLS]", 2 } },
        model = new
        {
            type = "WordPiece",
            unk_token = "[UNK]",
            continuing_subword_prefix = "##",
            max_input_chars_per_word = 100,
            vocab = TinyVocabularies.WordPiece.Select((t, i) => (t, i)).ToDictionary(p => p.t, p => p.i),
        },
    });

    private static string BpeJson(bool arrayMerges, bool addPrefixSpace) => JsonSerializer.Serialize(new
    {
        version = "1.0",
        added_tokens = new[] { new { id = 23, content = "<mask>", special = true } },
        normalizer = (object?)null,
        pre_tokenizer = new { type = "ByteLevel", add_prefix_space = addPrefixSpace, trim_offsets = true, use_regex = true },
        post_processor = new { type = "RobertaProcessing", sep = new object[] { "</s>", 2 }, cls = new object[] { "<s>", 0 } },
        model = new
        {
            type = "BPE",
            vocab = TinyVocabularies.Bpe,
            merges = arrayMerges
                ? TinyVocabularies.BpeMerges.Select(m => (object)m.Split(' ')).ToArray()
                : TinyVocabularies.BpeMerges.Cast<object>().ToArray(),
        },
    });

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void WordPiece_tokenizer_json_matches_vocab_txt(bool lowercase)
    {
        using var json = new TempFolder();
        json.Write("tokenizer.json", WordPieceJson(lowercase));
        using var txt = new TempFolder();
        var fromJson = TokenizerLoader.FromFolder(json.Path);
        var fromTxt = TokenizerLoader.FromFolder(TinyVocabularies.WordPieceFolder(txt, lowercase));
        foreach (var text in new[] { "The quick brown fox jumps over the lazy dog.", "Café, UNBELIEVABLE", "the Fox" })
            Assert.Equal(fromTxt.Encode(text, "lazy dog").Ids, fromJson.Encode(text, "lazy dog").Ids);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Bpe_tokenizer_json_matches_vocab_json_and_merges_in_both_merge_formats(bool arrayMerges)
    {
        using var json = new TempFolder();
        json.Write("tokenizer.json", BpeJson(arrayMerges, addPrefixSpace: false));
        using var files = new TempFolder();
        var fromJson = TokenizerLoader.FromFolder(json.Path);
        var fromFiles = TokenizerLoader.FromFolder(TinyVocabularies.BpeFolder(files));
        Assert.Equal(fromFiles.Encode("hello world!", "hello").Ids, fromJson.Encode("hello world!", "hello").Ids);
        Assert.Equal([0, 16, 21, 12, 2], fromJson.Encode("hello world!").Ids);
    }

    [Fact]
    public void Add_prefix_space_gives_the_first_word_a_G_dot()
    {
        using var json = new TempFolder();
        json.Write("tokenizer.json", BpeJson(arrayMerges: false, addPrefixSpace: true));
        var tokenizer = TokenizerLoader.FromFolder(json.Path);
        Assert.Equal([22, 21], tokenizer.Tokenize("hello world"));
    }

    [Fact]
    public void Unsupported_model_types_are_rejected_by_name()
    {
        using var folder = new TempFolder();
        folder.Write("tokenizer.json", """{"model": {"type": "Unigram", "vocab": {}}}""");
        var e = Assert.Throws<InvalidDataException>(() => TokenizerLoader.FromFolder(folder.Path));
        Assert.Contains("Unigram", e.Message);
        Assert.Contains("tokenizer.json", e.Message);
    }

    [Fact]
    public void Word_piece_ids_with_gaps_are_rejected()
    {
        using var folder = new TempFolder();
        folder.Write("tokenizer.json", """{"model": {"type": "WordPiece", "vocab": {"[CLS]": 0, "[SEP]": 5}}}""");
        var e = Assert.Throws<InvalidDataException>(() => TokenizerLoader.FromFolder(folder.Path));
        Assert.Contains("permutation", e.Message);
    }

    [Fact]
    public void Fields_of_the_wrong_json_type_are_rejected_with_the_file_name()
    {
        using var folder = new TempFolder();
        folder.Write("tokenizer.json", """{"model": {"type": 7, "vocab": {}}}""");
        var e = Assert.Throws<InvalidDataException>(() => TokenizerLoader.FromFolder(folder.Path));
        Assert.Contains("tokenizer.json", e.Message);
    }

    [Fact]
    public void Garbage_is_rejected_with_the_file_name()
    {
        using var folder = new TempFolder();
        folder.Write("tokenizer.json", "\u0001\u0002 garbage");
        var e = Assert.Throws<InvalidDataException>(() => TokenizerLoader.FromFolder(folder.Path));
        Assert.Contains("tokenizer.json", e.Message);
    }
}
