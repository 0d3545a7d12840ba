namespace Obliviate.Engine.Models.Repository;

/// <summary>Which tokenizer files a repository provides (the first that applies, in this order).</summary>
public enum TokenizerKind
{
    /// <summary>No tokenizer files found.</summary>
    None,

    /// <summary>Hugging Face <c>tokenizer.json</c> (the fast-tokenizer file, preferred by transformers).</summary>
    HuggingFaceJson,

    /// <summary>BERT WordPiece from <c>vocab.txt</c>.</summary>
    WordPiece,

    /// <summary>RoBERTa/GPT-2 byte-level BPE from <c>vocab.json</c> + <c>merges.txt</c>.</summary>
    ByteLevelBpe,
}
