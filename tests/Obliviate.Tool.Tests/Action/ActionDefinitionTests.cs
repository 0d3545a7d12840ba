using System.Text.RegularExpressions;
using Obliviate.Tests;
using YamlDotNet.RepresentationModel;

namespace Obliviate.Tool.Tests.Action;

/// <summary>action.yml and the workflows parse, and every input, output, step id and script they name exists.</summary>
public sealed class ActionDefinitionTests
{
    private static readonly WorkflowFile Action = new(Path.Combine(SharedData.RepoRoot, "action.yml"));

    private static IReadOnlyList<string> WorkflowNames { get; } =
        [.. Directory.EnumerateFiles(Path.Combine(SharedData.RepoRoot, ".github", "workflows"), "*.yml").Select(p => Path.GetFileName(p)).Order()];

    public static TheoryData<string> Workflows => [.. WorkflowNames];

    private static WorkflowFile Workflow(string name) => new(Path.Combine(SharedData.RepoRoot, ".github", "workflows", name));

    [Fact]
    public void The_action_has_the_documented_inputs_and_outputs()
    {
        Assert.Equal("composite", WorkflowFile.Scalar(Action.Map("runs")!, "using"));
        var inputs = WorkflowFile.Keys(Action.Map("inputs")).ToList();
        foreach (var name in new[] { "model-path", "checks", "train-data", "eval-data", "peft", "device", "fail-on", "comment", "token", "sarif-file" })
            Assert.Contains(name, inputs);
        Assert.Equal("${{ github.token }}", WorkflowFile.Scalar(Action.Map("inputs", "token")!, "default"));
        Assert.Equal(["verdict", "report-path", "sarif-path"], WorkflowFile.Keys(Action.Map("outputs")));
        var docs = File.ReadAllText(Path.Combine(SharedData.RepoRoot, "docs", "action.md"));
        foreach (var name in inputs.Concat(WorkflowFile.Keys(Action.Map("outputs")))) Assert.Contains($"`{name}`", docs, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_input_step_id_and_output_the_action_references_exists()
    {
        var inputs = WorkflowFile.Keys(Action.Map("inputs")).ToHashSet();
        var steps = Action.Steps().Select(s => s.Step).ToList();
        var ids = steps.Select(s => WorkflowFile.Scalar(s, "id")).OfType<string>().ToHashSet();
        foreach (var expression in WorkflowFile.Expressions(Action.Text))
        {
            foreach (Match m in Regex.Matches(expression, @"inputs\.([a-z-]+)")) Assert.Contains(m.Groups[1].Value, inputs);
            foreach (Match m in Regex.Matches(expression, @"steps\.([a-z-]+)\.outputs")) Assert.Contains(m.Groups[1].Value, ids);
        }
        // Each output names a step output the check script writes.
        var check = File.ReadAllText(Path.Combine(SharedData.RepoRoot, "action", "check.sh"));
        foreach (var output in WorkflowFile.Keys(Action.Map("outputs")))
        {
            Assert.Equal($"${{{{ steps.check.outputs.{output} }}}}", WorkflowFile.Scalar(Action.Map("outputs", output)!, "value"));
            Assert.Contains($"echo \"{output}=", check, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_action_runs_only_its_own_scripts_and_never_puts_expressions_into_shell_text()
    {
        foreach (var (_, step) in Action.Steps())
        {
            if (WorkflowFile.Scalar(step, "run") is not { } run) continue;
            Assert.DoesNotContain("${{", run, StringComparison.Ordinal);
            var script = Regex.Match(run, @"\$GITHUB_ACTION_PATH/(action/[a-z-]+\.sh)").Groups[1].Value;
            Assert.True(File.Exists(Path.Combine(SharedData.RepoRoot, script)), $"{run} names no script in action/");
            Assert.Equal("bash", WorkflowFile.Scalar(step, "shell"));
        }
        // Every input reaches the scripts through env: (or with: of an action).
        // (`if:` conditions are expressions without the ${{ }} wrapper.)
        var passed = Action.Steps().SelectMany(s => WorkflowFile.Scalars(s.Step)).SelectMany(WorkflowFile.Expressions)
            .Concat(Action.Steps().Select(s => WorkflowFile.Scalar(s.Step, "if")).OfType<string>()).ToList();
        foreach (var input in WorkflowFile.Keys(Action.Map("inputs")))
            Assert.Contains(passed, e => e.Contains($"inputs.{input}", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Workflows))]
    public void Workflows_parse_and_name_only_existing_steps_inputs_and_outputs(string name)
    {
        var workflow = Workflow(name);
        Assert.NotNull(workflow.Map("jobs"));
        var actionInputs = WorkflowFile.Keys(Action.Map("inputs")).ToHashSet();
        var actionOutputs = WorkflowFile.Keys(Action.Map("outputs")).ToHashSet();
        foreach (var job in WorkflowFile.Keys(workflow.Map("jobs")))
        {
            var steps = workflow.Steps().Where(s => s.Job == job).Select(s => s.Step).ToList();
            var byId = steps.Where(s => WorkflowFile.Scalar(s, "id") is not null).ToDictionary(s => WorkflowFile.Scalar(s, "id")!);
            foreach (var step in steps)
            {
                if (WorkflowFile.Scalar(step, "run") is { } run) Assert.DoesNotContain("${{", run, StringComparison.Ordinal);
                if (WorkflowFile.Scalar(step, "uses") == "./")
                {
                    var with = step.Children.TryGetValue(new YamlScalarNode("with"), out var w) ? (YamlMappingNode)w : null;
                    foreach (var key in WorkflowFile.Keys(with)) Assert.Contains(key, actionInputs);
                }
                foreach (var expression in WorkflowFile.Scalars(step).SelectMany(WorkflowFile.Expressions))
                {
                    foreach (Match m in Regex.Matches(expression, @"steps\.([a-z-]+)\.outputs\.([a-z-]+)"))
                    {
                        Assert.True(byId.TryGetValue(m.Groups[1].Value, out var target), $"{name}/{job}: no step '{m.Groups[1].Value}'");
                        if (WorkflowFile.Scalar(target!, "uses") == "./") Assert.Contains(m.Groups[2].Value, actionOutputs);
                    }
                }
            }
        }
    }

    [Fact]
    public void The_examples_cover_sarif_upload_a_gpu_runner_the_workflow_run_pattern_and_a_matrix()
    {
        var all = string.Join("\n", WorkflowNames.Select(n => Workflow(n).Text));
        Assert.Contains("github/codeql-action/upload-sarif", all, StringComparison.Ordinal);
        Assert.Contains("self-hosted", all, StringComparison.Ordinal);
        Assert.Contains("device: cuda", all, StringComparison.Ordinal);
        Assert.NotNull(Workflow("model-check-publish.yml").Map("on", "workflow_run"));
        Assert.NotNull(Workflow("model-matrix.yml").Map("jobs", "check", "strategy", "matrix"));
        Assert.NotNull(Workflow("ci.yml").Map("jobs"));
    }
}
