using System.CommandLine;
using Obliviate.Tool.Commands.Attack;
using Obliviate.Tool.Commands.Check;
using Obliviate.Tool.Commands.Defend;
using Obliviate.Tool.Commands.Doctor;
using Obliviate.Tool.Commands.Evaluate;
using Obliviate.Tool.Commands.Import;
using Obliviate.Tool.Commands.Inspect;
using Obliviate.Tool.Commands.Models;
using Obliviate.Tool.Commands.Probe;
using Obliviate.Tool.Commands.Publish;
using Obliviate.Tool.Commands.Report;
using Obliviate.Tool.Commands.Scan;

namespace Obliviate.Tool;

/// <summary>The composition root: builds the command tree, parses, invokes, and maps every outcome to an exit code.</summary>
public static class Cli
{
    public static RootCommand BuildRoot(ToolConsole console)
    {
        var root = new RootCommand(
            "Obliviate: scan NLP model repositories for supply-chain risks, probe them for task-agnostic backdoor triggers, " +
            "and retrain PEFT adapters with the Obliviate defense.")
        {
            CheckCommand.Create(console),
            DoctorCommand.Create(console),
            DefendCommand.Create(console),
            AttackCommand.Create(console),
            EvaluateCommand.Create(console),
            ModelsCommand.Create(console),
            ImportCommand.Create(console),
            InspectCommand.Create(console),
            ScanCommand.Create(console),
            ProbeCommand.Create(console),
            PublishCommand.Create(console),
            ReportCommand.Create(console),
        };
        root.Options.Add(CommonOptions.Verbose);
        root.Options.Add(CommonOptions.Quiet);
        return root;
    }

    public static int Run(string[] args, ToolConsole console)
    {
        ArgumentNullException.ThrowIfNull(console);
        var parse = BuildRoot(console).Parse(args);
        if (parse.Errors.Count > 0) return UsageError(parse, console);
        var quiet = parse.GetValue(CommonOptions.Quiet);
        var verbose = parse.GetValue(CommonOptions.Verbose);
        if (quiet || verbose)
        {
            // The commands capture the console they write to; -q and -v are known only after parsing.
            console = console with { Quiet = quiet && !verbose, Verbose = verbose };
            parse = BuildRoot(console).Parse(args);
        }
        var configuration = new InvocationConfiguration
        {
            Output = console.Out,
            Error = console.Error,
            // Exceptions are mapped below, to our exit codes and without stack traces for expected failures.
            EnableDefaultExceptionHandler = false,
        };
        try
        {
            return parse.Invoke(configuration);
        }
        catch (Exception e)
        {
            var (code, message, unexpected) = Failures.Classify(e);
            console.Error.WriteLine(message);
            if (unexpected && console.Verbose) console.Error.WriteLine(e.ToString());
            else if (unexpected) console.Error.WriteLine("This is a bug in the tool; rerun with --verbose for the details and report them.");
            return code;
        }
    }

    /// <summary>A short message and a pointer to --help on standard error (never the whole help on standard output).</summary>
    private static int UsageError(ParseResult parse, ToolConsole console)
    {
        var command = parse.CommandResult.Command;
        var known = command.Options.SelectMany(o => o.Aliases.Prepend(o.Name)).Concat(command.Subcommands.Select(c => c.Name)).ToList();
        foreach (var error in parse.Errors)
        {
            var unmatched = parse.UnmatchedTokens.FirstOrDefault(t => error.Message.Contains($"'{t}'", StringComparison.Ordinal));
            console.Error.WriteLine("error: " + error.Message + (unmatched is null ? "" : Suggest.DidYouMean(unmatched, known)));
        }
        var path = new List<string>();
        for (var c = parse.CommandResult; c is not null; c = c.Parent as System.CommandLine.Parsing.CommandResult)
        {
            if (c.Command is not RootCommand) path.Insert(0, c.Command.Name);
        }
        console.Error.WriteLine($"Run 'dotnet obliviate {string.Join(' ', path)}{(path.Count > 0 ? " " : "")}--help' for usage.");
        return ExitCodes.Usage;
    }
}
