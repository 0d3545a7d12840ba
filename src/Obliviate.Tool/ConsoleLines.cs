namespace Obliviate.Tool;

/// <summary>Progress messages as informational lines on standard error, written in order on the reporting thread (unlike <see cref="Progress{T}"/>).</summary>
internal sealed class ConsoleLines(ToolConsole console) : IProgress<string>
{
    public void Report(string value) => console.Info(value);
}
