namespace Obliviate.Scanner.Hub;

/// <summary>The Hub could not be listed or a file could not be fetched; the message names the repository or file.</summary>
public sealed class HubException : Exception
{
    public HubException(string message) : base(message) { }
    public HubException(string message, Exception inner) : base(message, inner) { }
}
