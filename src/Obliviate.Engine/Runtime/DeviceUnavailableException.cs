namespace Obliviate.Engine.Runtime;

/// <summary>The requested device (CUDA) is not available in this build or on this machine.</summary>
public sealed class DeviceUnavailableException : Exception
{
    public DeviceUnavailableException(string message) : base(message)
    {
    }

    public DeviceUnavailableException(string message, Exception innerException) : base(message, innerException)
    {
    }

    public DeviceUnavailableException()
    {
    }
}
