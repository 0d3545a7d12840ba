using System.Text;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace Obliviate.MSBuild.Tasks;

/// <summary>
/// Writes the scan's input fingerprint (every file's SHA-256 and the settings that change the verdict) to a file under obj/,
/// and rewrites it only when it differs. The scan target's Inputs is that file and its Outputs a stamp, so MSBuild skips the
/// scan while the models' bytes and the settings stay the same, whatever their timestamps do (docs/msbuild.md, "Incremental").
/// </summary>
public sealed class ObliviateFingerprint : Microsoft.Build.Utilities.Task
{
    /// <summary>The models and anything else whose bytes change the verdict (the suppression file).</summary>
    public ITaskItem[] Files { get; set; } = [];

    /// <summary>Every setting that changes the result, as one opaque string.</summary>
    public string Settings { get; set; } = "";

    [Required]
    public string CacheFile { get; set; } = "";

    [Required]
    public string FingerprintFile { get; set; } = "";

    [Output]
    public bool Changed { get; set; }

    public override bool Execute()
    {
        var cache = ContentHashCache.Load(CacheFile);
        var text = new StringBuilder().Append("settings ").Append(Settings.Replace('\n', ' ')).Append('\n');
        foreach (var path in Files.Select(f => f.GetMetadata("FullPath")).Where(p => p.Length > 0).Distinct(StringComparer.Ordinal)
                     .OrderBy(p => p, StringComparer.Ordinal))
        {
            text.Append(cache.HashOf(path) ?? "missing").Append("  ").Append(path).Append('\n');
        }
        try
        {
            cache.Save(CacheFile);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Only a cost: the next build hashes again.
            Log.LogMessage(MessageImportance.Low, $"Obliviate: the hash cache {CacheFile} was not saved ({e.Message}).");
        }
        var fingerprint = text.ToString();
        Changed = !File.Exists(FingerprintFile) || File.ReadAllText(FingerprintFile) != fingerprint;
        if (Changed)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(FingerprintFile)!);
            File.WriteAllText(FingerprintFile, fingerprint);
        }
        Log.LogMessage(MessageImportance.Low, Changed ? "Obliviate: models or settings changed since the last scan." : "Obliviate: models and settings unchanged since the last scan.");
        return true;
    }
}
