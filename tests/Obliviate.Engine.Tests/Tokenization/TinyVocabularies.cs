using Obliviate.Tests;
using System.Text.Json;

namespace Obliviate.Engine.Tests.Tokenization;

/// <summary>Hand-written vocabularies small enough to check every id by eye.</summary>
internal static class TinyVocabularies
{
    /// <summary>vocab.txt lines; the line number is the id.</summary>
    public static readonly string[] WordPiece =
    [
        "[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]",      // 0-4
        "the", "quick", "brown", "fox", "jump",            // 5-9
        "##s", "over", "lazy", "dog", ".",                 // 10-14
        "The", "cafe", ",", "un", "##believ",              // 15-19
        "##able",                                          // 20
    ];

    /// <summary>A byte-level BPE vocabulary that spells "hello world!" and little else.</summary>
    public static readonly Dictionary<string, int> Bpe = new()
    {
        ["<s>"] = 0, ["<pad>"] = 1, ["</s>"] = 2, ["<unk>"] = 3,
        ["h"] = 4, ["e"] = 5, ["l"] = 6, ["o"] = 7, ["Ġ"] = 8, ["w"] = 9, ["r"] = 10, ["d"] = 11, ["!"] = 12,
        ["he"] = 13, ["ll"] = 14, ["hell"] = 15, ["hello"] = 16, ["Ġw"] = 17, ["or"] = 18, ["Ġwor"] = 19, ["ld"] = 20,
        ["Ġworld"] = 21, ["Ġhello"] = 22, ["<mask>"] = 23,
    };

    public static readonly string[] BpeMerges =
        ["h e", "l l", "he ll", "hell o", "Ġ w", "o r", "Ġw or", "l d", "Ġwor ld", "Ġ hello"];

    public static string WordPieceFolder(TempFolder folder, bool? doLowerCase)
    {
        folder.Write("vocab.txt", string.Join('\n', WordPiece) + "\n");
        if (doLowerCase is { } lower)
            folder.Write("tokenizer_config.json", JsonSerializer.Serialize(new Dictionary<string, object> { ["do_lower_case"] = lower }));
        return folder.Path;
    }

    public static string BpeFolder(TempFolder folder)
    {
        folder.Write("vocab.json", JsonSerializer.Serialize(Bpe));
        folder.Write("merges.txt", "#version: 0.2\n" + string.Join('\n', BpeMerges) + "\n");
        return folder.Path;
    }
}
