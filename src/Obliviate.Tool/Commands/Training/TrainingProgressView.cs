using System.Globalization;
using Obliviate.Engine.Training;
using Spectre.Console;

namespace Obliviate.Tool.Commands.Training;

/// <summary>
/// Renders engine progress records on standard error (standard output carries only results): a live Spectre.Console
/// display on a terminal, sized to its width, or periodic plain log lines otherwise (CI). Warnings raised during the run
/// wait until a live display is gone, so they are not drawn over; with <c>-q</c> there is no progress at all.
/// </summary>
internal static class TrainingProgressView
{
    /// <summary>Log lines in non-interactive mode: at most one per this interval, plus the plan and every checkpoint.</summary>
    private static readonly TimeSpan LogInterval = TimeSpan.FromSeconds(30);

    /// <summary>Below this width the live display drops the bar and uses the compact description.</summary>
    private const int WideColumns = 100;

    public static T Run<T>(ToolConsole console, Func<IProgress<TrainingProgress>?, Action<string>, T> work)
    {
        if (console.Quiet) return work(null, _ => { });
        if (!console.IsInteractive) return work(new LogLines(console.Error), console.Warn);
        var pending = new List<string>();
        try
        {
            var ansi = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(console.Error) });
            ansi.Profile.Width = console.Width;
            var wide = console.Width >= WideColumns;
            // One ETA: the description carries it, so no RemainingTimeColumn (its own estimate disagreed with ours).
            ProgressColumn[] columns = wide
                ? [new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn()]
                : [new TaskDescriptionColumn { Alignment = Justify.Left }];
            return ansi.Progress().AutoClear(false).AutoRefresh(true).Columns(columns)
                .Start(context => work(new Bar(context, ansi, !wide), pending.Add));
        }
        finally
        {
            foreach (var warning in pending) console.Warn(warning);
        }
    }

    internal static string Describe(TrainingProgress p, bool compact = false)
    {
        var inv = CultureInfo.InvariantCulture;
        switch (p.Phase)
        {
            case TrainingPhase.Plan:
                return string.Create(inv, $"plan: {p.Message}; about {Eta(p.Eta)} to go");
            case TrainingPhase.Evaluating:
                return compact
                    ? string.Create(inv, $"eval {p.Step}/{p.TotalSteps} ETA {Eta(p.Eta)}")
                    : string.Create(inv, $"{p.Message ?? "evaluating"} {p.Step}/{p.TotalSteps} rows, {p.ExamplesPerSecond:F1} rows/s, ETA {Eta(p.Eta)}");
            case TrainingPhase.Checkpoint:
                return string.Create(inv, $"epoch {p.Epoch}/{p.Epochs} done, step {p.Step}/{p.TotalSteps}, checkpoint {p.Message}");
        }
        var l = p.Loss;
        if (compact) return string.Create(inv, $"ep {p.Epoch}/{p.Epochs} {p.Step}/{p.TotalSteps} loss {l?.Total:F3} ETA {Eta(p.Eta)}");
        var terms = l is null ? "" : string.Create(inv, $" loss {l.Total:F4}") +
            string.Concat(l.Terms().Select(t => string.Create(inv, $" {t.Name} {t.Value:G4}")));
        return string.Create(inv, $"epoch {p.Epoch}/{p.Epochs} step {p.Step}/{p.TotalSteps}{terms} lr {p.LearningRate:G3} {p.ExamplesPerSecond:F1} ex/s ETA {Eta(p.Eta)}");
    }

    private static string Eta(TimeSpan? eta) => eta is { } e ? e.ToString(e.TotalHours >= 1 ? @"h\:mm\:ss" : @"m\:ss", CultureInfo.InvariantCulture) : "?";

    /// <summary>Periodic plain lines for logs: the plan, time-throttled training lines, every checkpoint, and evaluation start/end.</summary>
    private sealed class LogLines(TextWriter error) : IProgress<TrainingProgress>
    {
        private DateTime last = DateTime.MinValue;
        private TrainingPhase? phase;

        public void Report(TrainingProgress value)
        {
            var now = DateTime.UtcNow;
            var changed = phase != value.Phase;
            var finished = value.Step == value.TotalSteps;
            if (value.Phase is TrainingPhase.Checkpoint or TrainingPhase.Plan || changed || finished || now - last >= LogInterval)
            {
                error.WriteLine(Describe(value));
                last = now;
            }
            if (value.Phase != TrainingPhase.Plan) phase = value.Phase;
        }
    }

    /// <summary>One live task per phase, updated in place; the plan is printed above the display once.</summary>
    private sealed class Bar(ProgressContext context, IAnsiConsole ansi, bool compact) : IProgress<TrainingProgress>
    {
        private ProgressTask? training;
        private ProgressTask? evaluating;

        public void Report(TrainingProgress value)
        {
            if (value.Phase == TrainingPhase.Plan)
            {
                ansi.MarkupLine(Markup.Escape(Describe(value)));
                return;
            }
            var task = value.Phase == TrainingPhase.Evaluating
                ? evaluating ??= context.AddTask("evaluating", maxValue: value.TotalSteps)
                : training ??= context.AddTask("training", maxValue: value.TotalSteps);
            if (value.Phase == TrainingPhase.Checkpoint) return;
            task.Value = value.Step;
            task.Description = Markup.Escape(Describe(value, compact));
        }
    }
}
