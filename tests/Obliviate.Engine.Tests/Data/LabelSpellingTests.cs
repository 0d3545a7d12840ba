using Obliviate.Engine.Data;
using Obliviate.Reports.Model;
using Obliviate.Tests;

namespace Obliviate.Engine.Tests.Data;

/// <summary>One class written several ways must never silently become several classes.</summary>
public sealed class LabelSpellingTests : IDisposable
{
    private readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    private string Csv(params string[] labels) =>
        _dir.Write($"{Guid.NewGuid():N}.csv", "text,label\n" + string.Join("\n", labels.Select((l, i) => $"row {i},{l}")) + "\n");

    [Fact]
    public void Case_and_space_variants_are_refused_with_the_labels_and_the_fix()
    {
        var path = Csv("positive", "Positive", "negative", " negative");
        var e = Assert.Throws<DatasetFormatException>(() => TextDataset.Load(path, new DatasetOptions { Role = DatasetRole.Train }));
        Assert.Contains(path, e.Message, StringComparison.Ordinal);
        Assert.Contains("'positive' / 'Positive'", e.Message, StringComparison.Ordinal);
        Assert.Contains("--label-map", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Numbers_beside_names_are_refused()
    {
        var path = Csv("1", "positive", "0", "negative");
        var e = Assert.Throws<DatasetFormatException>(() => TextDataset.Load(path, new DatasetOptions { Role = DatasetRole.Train }));
        Assert.Contains("mix numbers", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_label_map_merges_spellings_into_the_declared_classes()
    {
        var path = Csv("positive", "Positive", "1", "negative", "neg", "0");
        var map = LabelMap.FromSpecs(["negative=neg,0", "positive=Positive,1"]);
        var ds = TextDataset.Load(path, new DatasetOptions { Role = DatasetRole.Train, LabelMap = map });
        Assert.Equal(["negative", "positive"], ds.Labels.Names);
        Assert.Equal([1, 1, 1, 0, 0, 0], ds.Rows.Select(r => r.Label));
        // Saved and loaded back with its aliases, so evaluate maps the same spellings.
        Assert.Equal(map, LabelMap.FromJson(map.ToJson()));
    }

    [Fact]
    public void A_declared_class_without_training_rows_is_refused()
    {
        var path = Csv("positive", "negative", "positive");
        var map = LabelMap.FromSpecs(["negative", "neutral", "positive"]);
        var e = Assert.Throws<DatasetFormatException>(() => TextDataset.Load(path, new DatasetOptions { Role = DatasetRole.Train, LabelMap = map }));
        Assert.Contains("'neutral'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_evaluation_label_that_differs_only_in_case_names_the_training_spelling()
    {
        var train = TextDataset.Load(Csv("positive", "negative"), new DatasetOptions { Role = DatasetRole.Train });
        var eval = Csv("Positive", "negative");
        var e = Assert.Throws<DatasetFormatException>(() => TextDataset.Load(eval, new DatasetOptions { LabelMap = train.Labels }));
        Assert.Contains("differs from 'positive' only in case", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("=a")]
    [InlineData("pos=x", "neg=x")]
    public void Bad_label_map_specs_are_request_errors(params string[] specs) =>
        Assert.Throws<RequestException>(() => LabelMap.FromSpecs(specs));
}
