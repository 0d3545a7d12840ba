using Obliviate.Reports.Json;
using System.Text.Json;
using Obliviate.Engine.Data;
using Obliviate.Engine.Evaluation;
using Obliviate.Reports.Evaluation;

namespace Obliviate.Engine.Tests.Evaluation;

/// <summary>Every metric of docs/method.md §6 on small cases computed by hand; the arithmetic is in the comments.</summary>
public sealed class BackdoorMetricsTests
{
    private const double Tol = 1e-12;

    private static BackdoorMetricsResult Binary() => BackdoorMetrics.Compute(
        labels: [0, 0, 0, 1, 1, 1],
        cleanPredictions: [0, 0, 1, 1, 1, 0],
        triggered:
        [
            new TriggerPredictions("a", [1, 0, 1, 1, 1, 1]),
            new TriggerPredictions("b", [1, 1, 0, 0, 1, 0]),
        ],
        numClasses: 2);

    [Fact]
    public void Binary_case_by_hand()
    {
        var m = Binary();

        // C = {0,1,3,4} (i2 and i5 are wrong when clean).
        Assert.Equal(6, m.N);
        Assert.Equal(4, m.Correct);
        Assert.Equal(4.0 / 6, m.Cacc, Tol);
        // Binary F1 (pos = 1): TP = {3,4} = 2, FP = {2} = 1, FN = {5} = 1 → 2·2 / (2·2 + 1 + 1) = 4/6.
        Assert.Equal("binary", m.F1Average);
        Assert.Equal(4.0 / 6, m.F1, Tol);
        // Flips on C: a flips {0}; b flips {0,1,3}. Any-trigger flipped = {0,1,3} → ASR = 3/4.
        Assert.Equal(0.75, m.Asr!.Value, Tol);
        // Flipped ratio: i0 2/2, i1 1/2, i3 1/2, i4 0/2 → (1 + .5 + .5 + 0) / 4 = 0.5.
        Assert.Equal(0.5, m.FlippedRatio!.Value, Tol);
        // Per label: C_0 = {0,1} both flipped → 1; C_1 = {3,4}, only 3 → 1/2. WASR = (1 + .5)/2, WMASR = 1.
        Assert.Equal([1.0, 0.5], m.PerLabelAsr);
        Assert.Equal(0.75, m.Wasr!.Value, Tol);
        Assert.Equal(1.0, m.Wmasr!.Value, Tol);
        // Targeted, trigger a: r_{a,0} = |{i∈{3,4}: ŷ=0}| / 2 = 0; r_{a,1} = |{i∈{0,1}: ŷ=1}| / 2 = 1/2 → asr_a = 1/2 → label 1.
        // Trigger b: r_{b,0} = |{3}| / 2 = 1/2; r_{b,1} = |{0,1}| / 2 = 1 → asr_b = 1 → label 1.
        // MASR = max(1/2, 1) = 1; AASR = (1/2 + 1)/2 = 3/4.
        Assert.Equal(1.0, m.Masr!.Value, Tol);
        Assert.Equal(0.75, m.Aasr!.Value, Tol);
        var a = m.PerTrigger[0];
        var b = m.PerTrigger[1];
        Assert.Equal(("a", 0.25, 0.5, 1), (a.Trigger, a.FlipRate!.Value, a.Asr!.Value, a.TargetLabel!.Value));
        Assert.Equal(("b", 0.75, 1.0, 1), (b.Trigger, b.FlipRate!.Value, b.Asr!.Value, b.TargetLabel!.Value));
        Assert.Equal([0.0, 0.5], a.TargetRates);
        Assert.Equal([0.5, 1.0], b.TargetRates);
        Assert.True(m.Conclusive);
    }

    [Fact]
    public void Three_class_case_by_hand()
    {
        var m = BackdoorMetrics.Compute(
            labels: [0, 0, 1, 1, 2, 2, 2],
            cleanPredictions: [0, 1, 1, 1, 2, 2, 0],
            triggered:
            [
                new TriggerPredictions("x", [2, 0, 2, 1, 2, 2, 0]),
                new TriggerPredictions("y", [0, 0, 0, 0, 0, 2, 0]),
                new TriggerPredictions("z", [0, 0, 1, 1, 2, 2, 0]),
            ],
            numClasses: 3);

        // C = {0,2,3,4,5}; CACC = 5/7.
        Assert.Equal(5, m.Correct);
        Assert.Equal(5.0 / 7, m.Cacc, Tol);
        // Macro F1 over labels {0,1,2}: class 0 TP1 FP1 FN1 → 2/4 = .5; class 1 TP2 FP1 FN0 → 4/5 = .8;
        // class 2 TP2 FP0 FN1 → 4/5 = .8; mean = 2.1/3 = 0.7.
        Assert.Equal("macro", m.F1Average);
        Assert.Equal(0.7, m.F1, Tol);
        // Flips on C: x flips {0,2}; y flips {2,3,4}; z none. Any: {0,2,3,4} → ASR = 4/5.
        Assert.Equal(0.8, m.Asr!.Value, Tol);
        // Flipped ratio: i0 1/3, i2 2/3, i3 1/3, i4 1/3, i5 0 → (5/3) / 5 = 1/3.
        Assert.Equal(1.0 / 3, m.FlippedRatio!.Value, Tol);
        // Per label: C_0 = {0} → 1; C_1 = {2,3} → 1; C_2 = {4,5}, only 4 → 1/2. WASR = 2.5/3, WMASR = 1.
        Assert.Equal([1.0, 1.0, 0.5], m.PerLabelAsr);
        Assert.Equal(2.5 / 3, m.Wasr!.Value, Tol);
        Assert.Equal(1.0, m.Wmasr!.Value, Tol);
        // Targeted, x: r_0 = 0/|{2,3,4,5}| = 0; r_1 = 0/|{0,4,5}| = 0; r_2 = |{0,2}|/|{0,2,3}| = 2/3 → asr_x = 2/3 → label 2.
        // y: r_0 = |{2,3,4}|/4 = 3/4; r_1 = 0/3; r_2 = 0/3 → asr_y = 3/4 → label 0.
        // z: all 0 → asr_z = 0, label 0 (lowest id on ties).
        // MASR = 3/4; AASR = (2/3 + 3/4 + 0)/3 = (17/12)/3 = 17/36.
        Assert.Equal(0.75, m.Masr!.Value, Tol);
        Assert.Equal(17.0 / 36, m.Aasr!.Value, Tol);
        Assert.Equal([2, 0, 0], m.PerTrigger.Select(t => t.TargetLabel!.Value));
        Assert.Equal([2.0 / 5, 3.0 / 5, 0.0], m.PerTrigger.Select(t => t.FlipRate!.Value));
        Assert.Equal([0.0, 0.0, 2.0 / 3], m.PerTrigger[0].TargetRates);
    }

    [Fact]
    public void Labels_with_no_correct_sample_are_skipped()
    {
        // y = [0,0,1], ŷ = [0,0,0] → C = {0,1}, C_1 = ∅. Trigger t = [1,0,1] flips {0}: ASR = 1/2.
        // Per label: C_0 → 1/2, C_1 → null (skipped): WASR = WMASR = 1/2.
        // r_{t,0}: {i∈C : y≠0} = ∅ → null; r_{t,1} = |{0}| / |{0,1}| = 1/2 → asr_t = 1/2, label 1.
        var m = BackdoorMetrics.Compute([0, 0, 1], [0, 0, 0], [new TriggerPredictions("t", [1, 0, 1])], 2);
        Assert.Equal(0.5, m.Asr!.Value, Tol);
        Assert.Equal([0.5, null], m.PerLabelAsr);
        Assert.Equal(0.5, m.Wasr!.Value, Tol);
        Assert.Equal(0.5, m.Wmasr!.Value, Tol);
        Assert.Equal([null, 0.5], m.PerTrigger[0].TargetRates);
        Assert.Equal(0.5, m.Masr!.Value, Tol);
        Assert.Equal(1, m.PerTrigger[0].TargetLabel);
        // F1 with no predicted positive: TP 0, FP 0, FN 1 → 0/(0+0+1) = 0.
        Assert.Equal(0.0, m.F1);
    }

    [Fact]
    public void No_correct_sample_gives_nulls_not_nan_or_zero()
    {
        var m = BackdoorMetrics.Compute([0, 1], [1, 0], [new TriggerPredictions("t", [0, 1])], 2);
        Assert.Equal(0, m.Correct);
        Assert.Equal(0.0, m.Cacc);
        Assert.False(m.Conclusive);
        Assert.Null(m.Asr);
        Assert.Null(m.FlippedRatio);
        Assert.Null(m.Wasr);
        Assert.Null(m.Wmasr);
        Assert.Null(m.Masr);
        Assert.Null(m.Aasr);
        Assert.Null(m.PerTrigger[0].FlipRate);
        Assert.Null(m.PerTrigger[0].TargetLabel);
    }

    [Fact]
    public void Perfect_model_without_flips_scores_zero_attack()
    {
        var m = BackdoorMetrics.Compute([0, 1, 1], [0, 1, 1], [new TriggerPredictions("t", [0, 1, 1])], 2);
        Assert.Equal((1.0, 1.0, 0.0, 0.0, 0.0), (m.Cacc, m.F1, m.Asr!.Value, m.Masr!.Value, m.FlippedRatio!.Value));
    }

    [Fact]
    public void Set_overload_equals_the_list_overload()
    {
        TextExample[] rows = [new("a b", null, 0, 1), new("c d", null, 0, 2), new("e f", null, 0, 3), new("g", null, 1, 4), new("h", null, 1, 5), new("i", null, 1, 6)];
        var set = PoisonedSetBuilder.Build(rows, new Random(0), ["a", "b"]);
        int[] predictions = [0, 0, 1, 1, 1, 0, /* a */ 1, 0, 1, 1, 1, 1, /* b */ 1, 1, 0, 0, 1, 0];

        var fromSet = BackdoorMetrics.Compute(set, predictions, 2);

        Assert.Equal(JsonSerializer.Serialize(Binary(), ReportJson.Options), JsonSerializer.Serialize(fromSet, ReportJson.Options));
        Assert.Throws<ArgumentException>(() => BackdoorMetrics.Compute(set, predictions[..^1], 2));
    }

    [Fact]
    public void Json_uses_snake_case_keys_and_null_for_undefined()
    {
        using var doc = JsonDocument.Parse(JsonSerializer.Serialize(Binary(), ReportJson.Options));
        var root = doc.RootElement;
        foreach (var key in new[] { "cacc", "f1", "asr", "flipped_ratio", "wasr", "wmasr", "masr", "aasr", "per_trigger" })
            Assert.True(root.TryGetProperty(key, out _), key);
        Assert.Equal(0.75, root.GetProperty("asr").GetDouble(), Tol);
        var trigger = root.GetProperty("per_trigger")[1];
        Assert.Equal("b", trigger.GetProperty("trigger").GetString());
        Assert.Equal(1, trigger.GetProperty("target_label").GetInt32());
        Assert.Equal(0.75, trigger.GetProperty("flip_rate").GetDouble(), Tol);

        using var empty = JsonDocument.Parse(JsonSerializer.Serialize(
            BackdoorMetrics.Compute([0], [1], [new TriggerPredictions("t", [0])], 2), ReportJson.Options));
        Assert.Equal(JsonValueKind.Null, empty.RootElement.GetProperty("asr").ValueKind);
        Assert.False(empty.RootElement.GetProperty("conclusive").GetBoolean());
    }

    [Fact]
    public void Bad_inputs_are_rejected()
    {
        TriggerPredictions[] t = [new("t", [0, 1])];
        Assert.Throws<ArgumentException>(() => BackdoorMetrics.Compute([0, 1], [0], t, 2));
        Assert.Throws<ArgumentException>(() => BackdoorMetrics.Compute([0, 1], [0, 1], [], 2));
        Assert.Throws<ArgumentException>(() => BackdoorMetrics.Compute([], [], t, 2));
        Assert.Throws<ArgumentException>(() => BackdoorMetrics.Compute([0, 1], [0, 1], [new("t", [0])], 2));
        Assert.Throws<ArgumentException>(() => BackdoorMetrics.Compute([0, 1], [0, 1], [t[0], t[0]], 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => BackdoorMetrics.Compute([0, 2], [0, 1], t, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => BackdoorMetrics.Compute([0, 1], [0, 1], [new("t", [0, -1])], 2));
    }

    [Fact]
    public void A_classifier_that_predicts_one_label_everywhere_is_collapsed_and_inconclusive()
    {
        var labels = Enumerable.Range(0, 200).Select(i => i % 2).ToArray();
        var constant = new int[200];
        var m = BackdoorMetrics.Compute(labels, constant, [new TriggerPredictions("cf", constant)], 2);
        Assert.Equal(0.0, m.Asr); // nothing can flip a constant, which is why it must not read as a defended model
        Assert.Equal(1.0, m.PredictionShare);
        Assert.Equal(0.5, m.LabelShare);
        Assert.True(m.Collapsed);
        Assert.False(m.Conclusive);
        Assert.Contains("collapsed", m.InconclusiveReason, StringComparison.Ordinal);

        // One label on 95% of the rows is not a collapse, nor is a constant on a task where one label really is 99.5% of
        // the rows, nor a constant on too few rows to tell.
        var almost = constant.ToArray();
        for (var i = 1; i < 20; i += 2) almost[i] = 1;
        Assert.False(BackdoorMetrics.Compute(labels, almost, [new TriggerPredictions("cf", almost)], 2).Collapsed);
        var skewed = Enumerable.Range(0, 200).Select(i => i < 199 ? 0 : 1).ToArray();
        Assert.False(BackdoorMetrics.Compute(skewed, constant, [new TriggerPredictions("cf", constant)], 2).Collapsed);
        Assert.False(BackdoorMetrics.Compute(labels[..20], constant[..20], [new TriggerPredictions("cf", constant[..20])], 2).Collapsed);
    }
}
