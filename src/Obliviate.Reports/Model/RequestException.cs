namespace Obliviate.Reports.Model;

/// <summary>
/// A request that cannot run as given: a setting out of range, contradictory options, an output folder that would lose
/// data. The message names the option and what to do; the tool maps it to the usage exit code. Thrown by request and
/// settings validation in every library, so no caller has to read an exception's message to classify it.
/// </summary>
public sealed class RequestException : Exception
{
    public RequestException(string message) : base(message)
    {
    }

    public RequestException(string message, Exception innerException) : base(message, innerException)
    {
    }

    public RequestException()
    {
    }
}
