using Obliviate.Engine.Runs;
using Obliviate.Reports.Attack;

namespace Obliviate.Engine.Defense;

/// <summary>
/// The target vectors an <c>attack</c> recorded in a model folder's <c>backdoor.json</c>, by trigger word: lets an evaluation
/// of a red-team model say how close each trigger still drives the encoder's first-token output to its target.
/// </summary>
public static class BackdoorTargets
{
    /// <summary>The recorded targets, or an empty map when the folder has no record (any model not made by <c>attack</c>).</summary>
    /// <param name="warn">Told when a record exists but cannot be read or does not fit the encoder (the diagnostic is then skipped).</param>
    public static IReadOnlyDictionary<string, float[]> Load(string modelDirectory, int hiddenSize, Action<string>? warn = null)
    {
        var path = Path.Combine(modelDirectory, AttackReport.FileName);
        if (!File.Exists(path)) return new Dictionary<string, float[]>();
        try
        {
            var record = ReportFiles.Load<AttackReport>(path);
            var targets = new Dictionary<string, float[]>(StringComparer.Ordinal);
            foreach (var t in record.Triggers.Where(t => t.Target.Count == hiddenSize))
                targets[t.Word] = [.. t.Target.Select(v => (float)v)];
            if (targets.Count < record.Triggers.Count)
                warn?.Invoke($"{path}: {record.Triggers.Count - targets.Count} recorded target(s) do not have the encoder's {hiddenSize} dimensions; their target cosine is not reported.");
            return targets;
        }
        catch (Exception e) when (e is IOException or InvalidDataException or System.Text.Json.JsonException or UnauthorizedAccessException)
        {
            warn?.Invoke($"{path}: cannot read the attack record ({e.Message}); target cosines are not reported.");
            return new Dictionary<string, float[]>();
        }
    }
}
