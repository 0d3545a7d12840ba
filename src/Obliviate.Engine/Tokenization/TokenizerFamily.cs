namespace Obliviate.Engine.Tokenization;

/// <summary>The tokenizer families the encoders use.</summary>
public enum TokenizerFamily
{
    /// <summary>BERT WordPiece (vocab.txt, <c>[CLS] A [SEP] B [SEP]</c>, token types 0/1).</summary>
    WordPiece,

    /// <summary>RoBERTa / GPT-2 byte-level BPE (vocab.json + merges.txt, <c>&lt;s&gt; A &lt;/s&gt;&lt;/s&gt; B &lt;/s&gt;</c>, token types 0).</summary>
    ByteLevelBpe,
}
