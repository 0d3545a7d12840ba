namespace Obliviate.Engine.Data;

/// <summary>What a dataset is loaded for; it decides which class-count checks apply.</summary>
public enum DatasetRole
{
    /// <summary>Training data: at least two distinct classes are required (a single-class set cannot train a classifier).</summary>
    Train,

    /// <summary>Evaluation data: at least one row; a single class is legitimate (e.g. an evaluation slice).</summary>
    Eval,
}
