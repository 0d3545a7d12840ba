using System.Globalization;
using Obliviate.Engine.Training;
using Spectre.Console;

namespace Obliviate.Tool.Commands.Training;

/// <summary>
/// Renders engine progress records: a Spectre.Console progress bar on a terminal, periodic plain log lines otherwise (CI).
/// Both go to standard error, so standard output carries only results.
/// </summary>
internal static class TrainingProgressView
{
    /// <summary>Log lines in non-interactive mode: at most one per this interval, plus every checkpoint.</summary>
    private static readonly TimeSpan LogInterval = TimeSpan.FromSeconds(30);

    public static T Run<T>(ToolConsole console, Func<IProgress<TrainingProgress>?, T> work)
    {
        if (console.Quiet) return work(null);
        if (!console.IsInteractive) return work(new LogLines(console.Error));
        var ansi = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(console.Error) });
        return ansi.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(),
                new RemainingTimeColumn())
            .Start(context =>
            {
                var bar = new Bar(context);
                return work(bar);
            });
    }

    internal static string Describe(TrainingProgress p)
    {
        var inv = CultureInfo.InvariantCulture;
        if (p.Phase == TrainingPhase.Evaluating)
            return string.Create(inv, $"{p.Message ?? "evaluating"} {p.Step}/{p.TotalSteps} rows, {p.ExamplesPerSecond:F1} rows/s, ETA {Eta(p.Eta)}");
        if (p.Phase == TrainingPhase.Checkpoint)
            return string.Create(inv, $"epoch {p.Epoch}/{p.Epochs} done, step {p.Step}/{p.TotalSteps}, checkpoint {p.Message}");
        var l = p.Loss;
        var terms = l is null ? "" : string.Create(inv, $" loss {l.Total:F4}") +
            string.Concat(l.Terms().Select(t => string.Create(inv, $" {t.Name} {t.Value:G4}")));
        return string.Create(inv, $"epoch {p.Epoch}/{p.Epochs} step {p.Step}/{p.TotalSteps}{terms} lr {p.LearningRate:G3} {p.ExamplesPerSecond:F1} ex/s ETA {Eta(p.Eta)}");
    }

    private static string Eta(TimeSpan? eta) => eta is { } e ? e.ToString(e.TotalHours >= 1 ? @"h\:mm\:ss" : @"m\:ss", CultureInfo.InvariantCulture) : "?";

    /// <summary>Periodic plain lines for logs: time-throttled training lines, every checkpoint, and evaluation start/end.</summary>
    private sealed class LogLines(TextWriter error) : IProgress<TrainingProgress>
    {
        private DateTime last = DateTime.MinValue;
        private TrainingPhase? phase;

        public void Report(TrainingProgress value)
        {
            var now = DateTime.UtcNow;
            var changed = phase != value.Phase;
            var finished = value.Step == value.TotalSteps;
            if (value.Phase == TrainingPhase.Checkpoint || changed || finished || now - last >= LogInterval)
            {
                error.WriteLine(Describe(value));
                last = now;
            }
            phase = value.Phase;
        }
    }

    /// <summary>One Spectre task per phase, updated in place.</summary>
    private sealed class Bar(ProgressContext context) : IProgress<TrainingProgress>
    {
        private ProgressTask? training;
        private ProgressTask? evaluating;

        public void Report(TrainingProgress value)
        {
            var task = value.Phase == TrainingPhase.Evaluating
                ? evaluating ??= context.AddTask("evaluating", maxValue: value.TotalSteps)
                : training ??= context.AddTask("training", maxValue: value.TotalSteps);
            if (value.Phase == TrainingPhase.Checkpoint) return;
            task.Value = value.Step;
            task.Description = Markup.Escape(Describe(value));
        }
    }
}
