namespace Obliviate.Tool.Tests;

/// <summary>Runs the CLI in-process with captured, non-interactive output.</summary>
internal static class ToolRun
{
    public static (int Code, string Out, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = Cli.Run(args, new ToolConsole(output, error, false));
        return (code, output.ToString(), error.ToString());
    }
}
