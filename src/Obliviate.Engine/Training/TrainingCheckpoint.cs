using System.Text.Json;
using Obliviate.Formats.SafeTensors;
using TorchSharp.Modules;

namespace Obliviate.Engine.Training;

/// <summary>
/// A resumable training checkpoint in one safetensors file: the trainable parameters (<c>param/&lt;key&gt;</c>), the AdamW
/// moments (<c>exp_avg/…</c>, <c>exp_avg_sq/…</c>) and the <see cref="TrainingState"/> as JSON metadata. One file written
/// through a temp file + rename, so a crash or Ctrl+C never leaves a half checkpoint.
/// </summary>
public static class TrainingCheckpoint
{
    public const string FileName = "checkpoint.safetensors";
    private const string StateKey = "obliviate_training_state";

    public static void Save(string path, IReadOnlyList<KeyValuePair<string, Parameter>> parameters, HfAdamW optimizer, TrainingState state)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(optimizer);
        ArgumentNullException.ThrowIfNull(state);
        var tensors = new List<SafeTensorsTensor>();
        foreach (var (key, p) in parameters) tensors.Add(TensorBytes.ToSafeTensor("param/" + key, p));
        foreach (var (name, t) in optimizer.State()) tensors.Add(TensorBytes.ToSafeTensor(name, t));
        SafeTensorsWriter.Write(path, tensors, new Dictionary<string, string> { [StateKey] = JsonSerializer.Serialize(state) });
    }

    /// <summary>A run's fingerprint: the SHA-256 of <paramref name="identity"/> (everything that defines the trajectory) as snake_case JSON.</summary>
    public static string Fingerprint(object identity)
    {
        var json = JsonSerializer.Serialize(identity, Reports.Json.ReportJson.Options);
        return Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(json)));
    }

    /// <summary>Reads a checkpoint's state and tensors (as F32 values).</summary>
    public static (TrainingState State, IReadOnlyDictionary<string, float[]> Tensors) Load(string path)
    {
        using var file = SafeTensorsFile.Open(path);
        if (file.Metadata is null || !file.Metadata.TryGetValue(StateKey, out var json))
            throw new InvalidDataException($"{path}: not an Obliviate training checkpoint (no '{StateKey}' metadata).");
        TrainingState state;
        try
        {
            state = JsonSerializer.Deserialize<TrainingState>(json) ?? throw new InvalidDataException($"{path}: empty training state.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: the training state is not valid JSON: {e.Message}", e);
        }
        var tensors = file.Entries.ToDictionary(e => e.Name, e => file.ReadFloat32(e.Name), StringComparer.Ordinal);
        return (state, tensors);
    }

    /// <summary>Copies <c>param/&lt;key&gt;</c> tensors into <paramref name="parameters"/>; all must be present with matching sizes.</summary>
    public static void RestoreParameters(IReadOnlyList<KeyValuePair<string, Parameter>> parameters,
        IReadOnlyDictionary<string, float[]> tensors, string source)
    {
        foreach (var (key, p) in parameters)
        {
            if (!tensors.TryGetValue("param/" + key, out var values))
                throw new InvalidDataException($"{source}: parameter '{key}' is missing from the checkpoint.");
            TensorBytes.CopyInto(p, values, $"{source}: parameter '{key}'");
        }
    }
}
