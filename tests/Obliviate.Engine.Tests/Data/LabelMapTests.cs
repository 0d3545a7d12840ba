using Obliviate.Tests;
using System.Text.Json;
using Obliviate.Engine.Data;

namespace Obliviate.Engine.Tests.Data;

public sealed class LabelMapTests : IDisposable
{
    private readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Save_then_load_gives_an_equal_map()
    {
        var map = LabelMap.FromObserved(["pos", "neg", "neutral", "pos"]);
        var path = Path.Combine(_dir.Path, "labels.json");

        map.Save(path);
        var loaded = LabelMap.Load(path);

        Assert.Equal(map, loaded);
        Assert.Equal(map.GetHashCode(), loaded.GetHashCode());
        Assert.Equal(["neg", "neutral", "pos"], loaded.Names);
        Assert.Single(Directory.GetFiles(_dir.Path)); // no temp file left behind
    }

    [Fact]
    public void Json_shape_is_stable()
    {
        using var doc = JsonDocument.Parse(new LabelMap(["0", "1"], LabelOrder.Numeric).ToJson());
        Assert.Equal("numeric", doc.RootElement.GetProperty("order").GetString());
        Assert.Equal(["0", "1"], doc.RootElement.GetProperty("labels").EnumerateArray().Select(e => e.GetString()));
    }

    [Theory]
    [InlineData(new[] { "1", "0" }, new[] { "0", "1" }, LabelOrder.Numeric)]
    [InlineData(new[] { "5", "1", "3", "2", "4" }, new[] { "1", "2", "3", "4", "5" }, LabelOrder.Numeric)]
    [InlineData(new[] { "b", "c", "a" }, new[] { "a", "b", "c" }, LabelOrder.Ordinal)]
    [InlineData(new[] { "neutral", "Negative", "Positive" }, new[] { "Negative", "Positive", "neutral" }, LabelOrder.Ordinal)]
    public void Observed_labels_get_a_stable_order(string[] observed, string[] expected, LabelOrder order)
    {
        var map = LabelMap.FromObserved(observed);
        Assert.Equal(expected, map.Names);
        Assert.Equal(order, map.Order);
        Assert.Equal(1, map.TryGetId(expected[1], out var id) ? id : -1);
        Assert.Equal(expected[0], map.NameOf(0));
    }

    [Fact]
    public void Invalid_maps_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => new LabelMap(["a", "a"], LabelOrder.Given));
        Assert.Throws<ArgumentException>(() => new LabelMap([], LabelOrder.Given));
        Assert.Throws<ArgumentException>(() => LabelMap.FromObserved(["1", "01"]));
        Assert.Throws<InvalidDataException>(() => LabelMap.FromJson("{\"labels\":[\"a\",\"a\"],\"order\":\"given\"}"));
        Assert.Throws<InvalidDataException>(() => LabelMap.FromJson("{\"labels\":"));
        Assert.Throws<InvalidDataException>(() => LabelMap.FromJson("{\"labels\":[\"a\"],\"order\":7}"));
        Assert.Throws<InvalidDataException>(() => LabelMap.FromJson("{\"labels\":[\"a\"]}"));
        Assert.Throws<InvalidDataException>(() => LabelMap.FromJson("{\"labels\":null,\"order\":\"given\"}"));
        Assert.Throws<ArgumentOutOfRangeException>(() => new LabelMap(["a"], LabelOrder.Given).NameOf(1));
    }
}
