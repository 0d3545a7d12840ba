namespace Obliviate.Engine.Models.Repository;

/// <summary>A model folder cannot be used: missing files, unsafe weight formats, or malformed contents. The message says what to do.</summary>
public sealed class ModelRepositoryException : IOException
{
    public ModelRepositoryException(string message) : base(message) { }

    public ModelRepositoryException(string message, Exception inner) : base(message, inner) { }
}
