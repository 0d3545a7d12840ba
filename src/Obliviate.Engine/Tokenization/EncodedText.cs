namespace Obliviate.Engine.Tokenization;

/// <summary>One encoded text or text pair, special tokens included: ids and their token types (segment ids).</summary>
public sealed record EncodedText(IReadOnlyList<int> Ids, IReadOnlyList<int> TypeIds)
{
    public int Length => Ids.Count;
}
