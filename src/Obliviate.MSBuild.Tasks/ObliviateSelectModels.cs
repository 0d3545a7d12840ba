using System.Runtime.InteropServices;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace Obliviate.MSBuild.Tasks;

/// <summary>
/// The default <c>ObliviateModel</c> items (docs/msbuild.md, "What is scanned"): the project's <c>None</c> and
/// <c>Content</c> items that the build ships (copied to the output or publish folder, or packed) and whose extension names a
/// model format, plus the shipped config and tokenizer files in the same folder as such a model, because the scanner checks
/// them together (tokenizer ids against the embedding rows, custom code named by config.json). An item with metadata
/// <c>ObliviateScan="false"</c> is left out.
/// </summary>
public sealed class ObliviateSelectModels : Microsoft.Build.Utilities.Task
{
    private static readonly StringComparer PathComparer =
        RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal;

    public ITaskItem[] None { get; set; } = [];

    public ITaskItem[] Content { get; set; } = [];

    /// <summary>Model file extensions, e.g. <c>.onnx;.safetensors;.pkl</c>.</summary>
    [Required]
    public string Extensions { get; set; } = "";

    /// <summary>File names checked with a model they sit beside, e.g. <c>config.json;tokenizer.json</c>.</summary>
    public string Companions { get; set; } = "";

    /// <summary>True when the project packs its Content items (packable, IncludeContentInPack): then Content ships unless Pack="false".</summary>
    public bool ContentIsPacked { get; set; }

    /// <summary>Full paths, each once.</summary>
    [Output]
    public ITaskItem[] Models { get; set; } = [];

    public override bool Execute()
    {
        var shipped = None.Where(i => Ships(i, packedByDefault: false))
            .Concat(Content.Where(i => Ships(i, ContentIsPacked)))
            .Select(i => i.GetMetadata("FullPath"))
            .Distinct(PathComparer)
            .ToList();
        var extensions = Words(Extensions);
        var companions = Words(Companions);
        var models = shipped.Where(p => extensions.Contains(Path.GetExtension(p))).ToList();
        var folders = new HashSet<string>(models.Select(p => Path.GetDirectoryName(p) ?? ""), PathComparer);
        var beside = shipped.Where(p => companions.Contains(Path.GetFileName(p)) && folders.Contains(Path.GetDirectoryName(p) ?? ""));
        Models = [.. models.Concat(beside).Distinct(PathComparer).OrderBy(p => p, StringComparer.Ordinal).Select(p => new TaskItem(p))];
        Log.LogMessage(MessageImportance.Low, $"Obliviate: {Models.Length} shipped model files selected.");
        return true;
    }

    private static bool Ships(ITaskItem item, bool packedByDefault)
    {
        if (IsFalse(item.GetMetadata("ObliviateScan"))) return false;
        if (Copies(item.GetMetadata("CopyToOutputDirectory")) || Copies(item.GetMetadata("CopyToPublishDirectory"))) return true;
        var pack = item.GetMetadata("Pack");
        return string.Equals(pack, "true", StringComparison.OrdinalIgnoreCase) || (packedByDefault && !IsFalse(pack));
    }

    private static bool Copies(string value) =>
        value.Equals("Always", StringComparison.OrdinalIgnoreCase) || value.Equals("PreserveNewest", StringComparison.OrdinalIgnoreCase)
        || value.Equals("IfDifferent", StringComparison.OrdinalIgnoreCase);

    private static bool IsFalse(string value) => string.Equals(value.Trim(), "false", StringComparison.OrdinalIgnoreCase);

    private static HashSet<string> Words(string list) =>
        new(list.Split([';'], StringSplitOptions.RemoveEmptyEntries).Select(w => w.Trim()).Where(w => w.Length > 0), StringComparer.OrdinalIgnoreCase);
}
