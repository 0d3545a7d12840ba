using Obliviate.Formats.SafeTensors;

namespace Obliviate.Formats.Tests.SafeTensors;

public sealed class SafeTensorsShardsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("obliviate-shards-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string WriteIndex(string weightMapJson)
    {
        var path = Path.Combine(_dir, "model.safetensors.index.json");
        File.WriteAllText(path, """{"metadata":{"total_size":12},"weight_map":{""" + weightMapJson + "}}");
        return path;
    }

    private void WriteShards()
    {
        SafeTensorsWriter.Write(Path.Combine(_dir, "model-00001-of-00002.safetensors"),
            [SafeTensorsTensor.FromFloat32("a.weight", [2], [1f, 2f])]);
        SafeTensorsWriter.Write(Path.Combine(_dir, "model-00002-of-00002.safetensors"),
            [SafeTensorsTensor.FromFloat32("b.weight", [1], [3f])]);
    }

    [Fact]
    public void Open_ReadsTensorsFromTheirShards()
    {
        WriteShards();
        var index = WriteIndex("""
            "a.weight":"model-00001-of-00002.safetensors","b.weight":"model-00002-of-00002.safetensors"
            """);
        using var shards = SafeTensorsShards.Open(index);
        Assert.Equal(["a.weight", "b.weight"], shards.Entries.Select(e => e.Name));
        Assert.Equal([1f, 2f], shards.ReadFloat32("a.weight"));
        Assert.Equal([3f], shards.ReadFloat32("b.weight"));
        Assert.Equal(2, shards.Files.Count);
        Assert.Equal(12, SafeTensorsIndex.Load(index).TotalSize);
    }

    [Theory]
    [InlineData("\"a.weight\":\"../evil.safetensors\"", "is not a plain file name")]
    [InlineData("\"a.weight\":\"/etc/passwd.safetensors\"", "is not a plain file name")]
    [InlineData("\"a.weight\":\"model.bin\"", "is not a .safetensors file")]
    [InlineData("\"a.weight\":1", "is not a string")]
    public void Load_HostileOrMalformedIndex_IsRejected(string map, string expected)
    {
        var index = WriteIndex(map);
        var e = Assert.Throws<SafeTensorsFormatException>(() => SafeTensorsIndex.Load(index));
        Assert.Contains(expected, e.Message);
        Assert.StartsWith(index, e.Message);
    }

    [Fact]
    public void Open_TensorInTheWrongShardOrMissing_IsRejected()
    {
        WriteShards();
        var wrong = WriteIndex("""
            "a.weight":"model-00002-of-00002.safetensors","b.weight":"model-00002-of-00002.safetensors"
            """);
        var e = Assert.Throws<SafeTensorsFormatException>(() => SafeTensorsShards.Open(wrong));
        Assert.Contains("does not hold it", e.Message);

        var unlisted = WriteIndex("""
            "a.weight":"model-00001-of-00002.safetensors"
            """);
        SafeTensorsWriter.Write(Path.Combine(_dir, "model-00001-of-00002.safetensors"),
            [SafeTensorsTensor.FromFloat32("a.weight", [1], [1f]), SafeTensorsTensor.FromFloat32("extra", [1], [1f])]);
        e = Assert.Throws<SafeTensorsFormatException>(() => SafeTensorsShards.Open(unlisted));
        Assert.Contains("tensor 'extra' is in shard 'model-00001-of-00002.safetensors' but the weight_map does not list it", e.Message);
    }
}
