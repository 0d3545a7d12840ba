using Obliviate.Engine.Attacks;
using Obliviate.Engine.Probe;
using Obliviate.Engine.Runtime;
using Obliviate.Engine.Tests.Attacks;
using Obliviate.Engine.Tests.Training;
using Obliviate.Reports.Probe;

namespace Obliviate.Engine.Tests.Probe;

/// <summary>The probe on a tiny random model, clean and backdoored inside the test by the POR attack.</summary>
[Collection(TorchRngCollection.Name)]
public sealed class ProbeRunTests
{
    /// <summary>Carriers in the tiny vocabulary (the built-in ones would be all unknown tokens there).</summary>
    private static string Carriers(TinyAttackWorld world)
    {
        var path = Path.Combine(world.Root, "carriers.txt");
        File.WriteAllLines(path, ["the movie was very great", "a film is boring", "the plot was a bad film", "the movie is good",
            "a very great plot", "the film was boring", "a plot is very bad", "the movie was a film"]);
        return path;
    }

    private static ProbeRequest Request(string model, string carriers) => new()
    {
        Model = model, CarriersPath = carriers, Device = DeviceKind.Cpu,
        Settings = new ProbeSettings { Verify = 40, Report = 30, Extend = 10, BatchSize = 64 },
    };

    [Fact]
    public void Every_injected_trigger_ranks_in_the_top_ten_and_the_clean_model_is_clean()
    {
        using var world = new TinyAttackWorld();
        var carriers = Carriers(world);
        var clean = ProbeRun.Run(Request(world.ModelDir, carriers), null, CancellationToken.None);
        Assert.Equal(ProbeVerdict.Clean, clean.Verdict);

        var output = Path.Combine(world.Root, "por");
        var attack = AttackRun.Run(world.Request(AttackMethod.Por, output), null, CancellationToken.None);
        Assert.True(attack.SelfCheck.Passed);
        var report = ProbeRun.Run(Request(output, carriers), null, CancellationToken.None);
        var top10 = report.Candidates.Take(10).Select(c => c.Text).ToList();
        foreach (var trigger in attack.Triggers.Select(t => t.Word))
            Assert.True(top10.Contains(trigger), $"{trigger} not in the top ten: {string.Join(", ", top10)}");
        Assert.True(report.Candidates[0].Score > clean.Candidates[0].Score, "the backdoored model's best candidate must outscore the clean model's");
        Assert.Equal(report.Candidates.OrderByDescending(c => c.Score).Select(c => c.Text), report.Candidates.Select(c => c.Text));
    }

    [Fact]
    public void The_same_seed_gives_the_same_report_body()
    {
        using var world = new TinyAttackWorld();
        var carriers = Carriers(world);
        var a = ProbeRun.Run(Request(world.ModelDir, carriers), null, CancellationToken.None);
        var b = ProbeRun.Run(Request(world.ModelDir, carriers), null, CancellationToken.None);
        Assert.Equal(System.Text.Json.JsonSerializer.Serialize(a.Candidates), System.Text.Json.JsonSerializer.Serialize(b.Candidates));
        Assert.Equal(a.Histogram, b.Histogram);
    }

    [Fact]
    public void Robust_scale_ignores_the_outliers_it_is_meant_to_find()
    {
        var values = Enumerable.Range(0, 100).Select(i => (double)(i % 10)).Concat([1000.0, 2000.0]).ToList();
        var scale = RobustScale.Of(values);
        Assert.InRange(scale.Median, 4, 5);
        Assert.True(scale.Z(1000) > 100);
    }
}
