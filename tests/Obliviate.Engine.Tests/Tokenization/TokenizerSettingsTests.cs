using Obliviate.Tests;
using Obliviate.Engine.Tokenization;

namespace Obliviate.Engine.Tests.Tokenization;

public sealed class TokenizerSettingsTests
{
    [Fact]
    public void Tokenizer_config_fields_and_added_token_objects_are_read()
    {
        using var folder = new TempFolder();
        folder.Write("special_tokens_map.json", """{"cls_token": "[CLS]", "pad_token": {"content": "[PAD]", "lstrip": false}}""");
        folder.Write("tokenizer_config.json", """
            {"do_lower_case": false, "strip_accents": null, "model_max_length": 512,
             "tokenizer_class": "BertTokenizer", "sep_token": {"content": "[SEP]"}, "unk_token": "[UNK]", }
            """);
        var settings = TokenizerSettings.Load(folder.Path);
        Assert.False(settings.DoLowerCase);
        Assert.Null(settings.StripAccents);
        Assert.Equal(512, settings.ModelMaxLength);
        Assert.Equal("BertTokenizer", settings.TokenizerClass);
        Assert.Equal(SpecialTokenNames.Bert, settings.SpecialsFor(TokenizerFamily.WordPiece));
    }

    [Fact]
    public void Huge_model_max_length_means_no_limit()
    {
        using var folder = new TempFolder();
        folder.Write("tokenizer_config.json", """{"model_max_length": 1000000000000000019884624838656}""");
        Assert.Null(TokenizerSettings.Load(folder.Path).ModelMaxLength);
    }

    [Fact]
    public void Roberta_falls_back_to_bos_and_eos_for_its_template()
    {
        var settings = new TokenizerSettings { BosToken = "<B>", EosToken = "<E>" };
        var names = settings.SpecialsFor(TokenizerFamily.ByteLevelBpe);
        Assert.Equal("<B>", names.Start);
        Assert.Equal("<E>", names.End);
        Assert.Equal("<pad>", names.Pad);
    }

    [Fact]
    public void A_non_boolean_do_lower_case_is_an_error_naming_the_file()
    {
        using var folder = new TempFolder();
        folder.Write("tokenizer_config.json", """{"do_lower_case": "yes"}""");
        var e = Assert.Throws<InvalidDataException>(() => TokenizerSettings.Load(folder.Path));
        Assert.Contains("tokenizer_config.json", e.Message);
        Assert.Contains("do_lower_case", e.Message);
    }
}
