using System.Text;

namespace Obliviate.MSBuild.ScanHost;

/// <summary>
/// Entry point of the scan host (docs/msbuild.md). A second composition root beside the tool: it writes diagnostic lines on
/// standard output, as UTF-8 whatever the console's code page, for the task to read.
/// </summary>
internal static class Program
{
    public static int Main(string[] args)
    {
        using var stdout = new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false)) { AutoFlush = true };
        return HostRun.Execute(args, stdout);
    }
}
