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

    /// <summary>
    /// Runs one command built by <paramref name="create"/> (so a test can hand it its own environment), with the parse-error
    /// and exception mapping of <see cref="Cli.Run"/>.
    /// </summary>
    public static (int Code, string Out, string Error) Run(Func<ToolConsole, System.CommandLine.Command> create, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var root = new System.CommandLine.RootCommand { create(new ToolConsole(output, error, false)) };
        try
        {
            var parse = root.Parse(args);
            if (parse.Errors.Count > 0) return (ExitCodes.Usage, "", string.Join("\n", parse.Errors.Select(e => e.Message)));
            var code = parse.Invoke(new System.CommandLine.InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
            return (code, output.ToString(), error.ToString());
        }
        catch (Exception e)
        {
            var (code, message, _) = Failures.Classify(e);
            return (code, output.ToString(), error + message);
        }
    }
}
