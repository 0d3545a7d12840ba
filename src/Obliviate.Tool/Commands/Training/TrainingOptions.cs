using System.CommandLine;
using Obliviate.Engine.Data;
using Obliviate.Engine.Evaluation;
using Obliviate.Engine.Models.Repository;
using Obliviate.Engine.Training;

namespace Obliviate.Tool.Commands.Training;

/// <summary>Options, Ctrl+C handling and error mapping shared by the training commands (<c>defend</c>, <c>evaluate</c>, <c>attack</c>).</summary>
internal static class TrainingOptions
{
    /// <param name="purpose">What the words are for; the default list is appended.</param>
    public static Option<string[]?> Triggers(string purpose = "Trigger words for the poisoned evaluation set") => new("--triggers")
    {
        Description = $"{purpose} (default: {string.Join(" ", PoisonedSetBuilder.DefaultTriggers)}).",
        AllowMultipleArgumentsPerToken = true,
        Arity = ArgumentArity.OneOrMore,
    };

    public static ColumnRef? Column(string? spec, string option)
    {
        if (spec is null) return null;
        try
        {
            return ColumnRef.Parse(spec);
        }
        catch (ArgumentException e)
        {
            throw new UserError($"{option}: {e.Message}", ExitCodes.Usage);
        }
    }

    /// <summary>Runs <paramref name="action"/> with a token that Ctrl+C cancels (the engine then saves a resumable checkpoint).</summary>
    public static int WithCtrlC(Func<CancellationToken, int> action)
    {
        using var cts = new CancellationTokenSource();
        ConsoleCancelEventHandler handler = (_, e) =>
        {
            // Keep the process alive: the training loop notices the token at the next step and writes its checkpoint.
            e.Cancel = true;
            cts.Cancel();
        };
        Console.CancelKeyPress += handler;
        try
        {
            return action(cts.Token);
        }
        finally
        {
            Console.CancelKeyPress -= handler;
        }
    }

    /// <summary>Maps the engine's expected failures to user errors (exit 2 for data/model problems, 4 for bad settings).</summary>
    public static T Guard<T>(Func<T> action)
    {
        try
        {
            return action();
        }
        catch (TrainingInterruptedException e)
        {
            throw new UserError(e.Message, ExitCodes.Error);
        }
        catch (DatasetFormatException e)
        {
            throw new UserError(e.Message, ExitCodes.Error);
        }
        catch (ModelRepositoryException e)
        {
            throw new UserError(e.Message, ExitCodes.Error);
        }
        catch (InvalidDataException e)
        {
            throw new UserError(e.Message, ExitCodes.Error);
        }
        catch (IOException e)
        {
            throw new UserError(e.Message, ExitCodes.Error);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new UserError(e.Message, ExitCodes.Error);
        }
        catch (InvalidOperationException e) when (e.Message.Contains("CUDA", StringComparison.Ordinal))
        {
            throw new UserError(e.Message, ExitCodes.Error);
        }
        catch (ArgumentException e)
        {
            throw new UserError(e.Message.Split(" (Parameter")[0], ExitCodes.Usage);
        }
    }
}
