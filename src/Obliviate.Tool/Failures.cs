using Obliviate.Engine.Runtime;
using Obliviate.Reports.Model;
using Obliviate.Scanner.Hub;

namespace Obliviate.Tool;

/// <summary>
/// The one mapping from exceptions to exit codes, by exception type and never by message text: a bad request is a usage
/// error (4); bad input data, I/O, an unavailable device, a failed download and an interruption are errors (2) with the
/// library's message; anything else is an internal error (2) whose details appear under <c>--verbose</c>.
/// </summary>
public static class Failures
{
    /// <summary>The exit code and the line to print for <paramref name="e"/>.</summary>
    public static (int Code, string Message, bool Unexpected) Classify(Exception e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return e switch
        {
            UserError u => (u.ExitCode, "error: " + u.Message, false),
            RequestException => (ExitCodes.Usage, "error: " + e.Message, false),
            OperationCanceledException => (ExitCodes.Error, e.Message.StartsWith("The operation was canceled", StringComparison.Ordinal)
                ? "interrupted." : "interrupted: " + e.Message, false),
            DeviceUnavailableException => (ExitCodes.Error, "error: " + e.Message, false),
            HubException => (ExitCodes.Error, "error: " + e.Message, false),
            // Malformed or unreadable input (DatasetFormatException is a FormatException; the model, safetensors, ONNX and
            // zip readers throw IOException subclasses or InvalidDataException).
            InvalidDataException or FormatException or IOException or UnauthorizedAccessException =>
                (ExitCodes.Error, "error: " + e.Message, false),
            _ => (ExitCodes.Error, $"internal error: {e.GetType().Name}: {e.Message}", true),
        };
    }
}
