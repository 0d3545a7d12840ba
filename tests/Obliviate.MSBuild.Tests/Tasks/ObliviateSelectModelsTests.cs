extern alias tasks;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using tasks::Obliviate.MSBuild.Tasks;

namespace Obliviate.MSBuild.Tests.Tasks;

public sealed class ObliviateSelectModelsTests
{
    private const string Extensions = ".onnx;.safetensors;.pkl;.bin";
    private const string Companions = "config.json;tokenizer.json;vocab.txt";

    private static ITaskItem Item(string path, params (string Name, string Value)[] metadata)
    {
        var item = new TaskItem(Path.GetFullPath(path));
        foreach (var (name, value) in metadata) item.SetMetadata(name, value);
        return item;
    }

    private static string[] Select(ITaskItem[] none, ITaskItem[]? content = null, bool contentIsPacked = false)
    {
        var task = new ObliviateSelectModels
        {
            BuildEngine = new FakeBuildEngine(), None = none, Content = content ?? [], Extensions = Extensions, Companions = Companions,
            ContentIsPacked = contentIsPacked,
        };
        Assert.True(task.Execute());
        return [.. task.Models.Select(m => Path.GetRelativePath(Path.GetFullPath("/app"), m.ItemSpec).Replace('\\', '/'))];
    }

    [Fact]
    public void Shipped_models_and_the_config_and_tokenizer_beside_them_are_selected()
    {
        var copy = ("CopyToOutputDirectory", "PreserveNewest");
        var selected = Select(
        [
            Item("/app/models/model.onnx", copy), Item("/app/models/config.json", copy), Item("/app/models/vocab.txt", ("CopyToOutputDirectory", "Always")),
            Item("/app/models/README.md", copy),
            Item("/app/other/config.json", copy),          // no model beside it
            Item("/app/data/weights.bin"),                 // not shipped
            Item("/app/data/packed.pkl", ("Pack", "true")),
            Item("/app/data/published.safetensors", ("CopyToPublishDirectory", "IfDifferent")),
            Item("/app/data/mine.pkl", copy, ("ObliviateScan", "false")),
        ]);
        Assert.Equal(["data/packed.pkl", "data/published.safetensors", "models/config.json", "models/model.onnx", "models/vocab.txt"], selected);
    }

    [Fact]
    public void Content_ships_when_the_project_packs_content_unless_pack_is_false()
    {
        ITaskItem[] content = [Item("/app/wwwroot/model.onnx"), Item("/app/wwwroot/skip.onnx", ("Pack", "false"))];
        Assert.Equal(["wwwroot/model.onnx"], Select([], content, contentIsPacked: true));
        Assert.Empty(Select([], content, contentIsPacked: false));
    }
}
