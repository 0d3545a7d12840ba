namespace Obliviate.Engine.Classification;

/// <summary>An adapter is about to run on another base model than the one it was trained on (an input error: exit 2).</summary>
public sealed class AdapterProvenanceException : IOException
{
    public AdapterProvenanceException(string message) : base(message)
    {
    }

    public AdapterProvenanceException(string message, Exception innerException) : base(message, innerException)
    {
    }

    public AdapterProvenanceException()
    {
    }
}
