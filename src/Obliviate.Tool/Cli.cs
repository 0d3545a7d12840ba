using System.CommandLine;
using Obliviate.Tool.Commands.Attack;
using Obliviate.Tool.Commands.Defend;
using Obliviate.Tool.Commands.Doctor;
using Obliviate.Tool.Commands.Evaluate;
using Obliviate.Tool.Commands.Import;
using Obliviate.Tool.Commands.Inspect;
using Obliviate.Tool.Commands.Models;
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
            DoctorCommand.Create(console),
            DefendCommand.Create(console),
            AttackCommand.Create(console),
            EvaluateCommand.Create(console),
            ModelsCommand.Create(console),
            ImportCommand.Create(console),
            InspectCommand.Create(console),
            ScanCommand.Create(console),
        };
        return root;
    }

    public static int Run(string[] args, ToolConsole console)
    {
        var root = BuildRoot(console);
        var parse = root.Parse(args);
        var configuration = new InvocationConfiguration
        {
            Output = console.Out,
            Error = console.Error,
            // Exceptions are mapped below, to our exit codes and without stack traces for expected failures.
            EnableDefaultExceptionHandler = false,
        };
        try
        {
            var code = parse.Invoke(configuration);
            // The parser's error action prints the errors and the usage; its exit code becomes ours.
            return parse.Errors.Count > 0 ? ExitCodes.Usage : code;
        }
        catch (UserError e)
        {
            console.Error.WriteLine($"error: {e.Message}");
            return e.ExitCode;
        }
        catch (OperationCanceledException)
        {
            console.Error.WriteLine("cancelled.");
            return ExitCodes.Error;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException or FormatException)
        {
            // Unreadable or malformed input that a library did not turn into a UserError: still a clear message, fail closed.
            console.Error.WriteLine($"error: {e.Message}");
            return ExitCodes.Error;
        }
        catch (Exception e)
        {
            // A bug, not bad input. Fail closed with exit 2 rather than the runtime's crash code; the stack trace helps a report.
            console.Error.WriteLine($"internal error: {e.GetType().Name}: {e.Message}");
            console.Error.WriteLine(e.StackTrace);
            return ExitCodes.Error;
        }
    }
}
