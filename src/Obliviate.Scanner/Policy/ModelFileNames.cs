namespace Obliviate.Scanner.Policy;

/// <summary>
/// File names that say "model": content under such a name that no analyser understood is inconclusive, never clean
/// (anything else unrecognised is skipped). Pickle-family names are loaded only by pickle-based loaders (torch.load,
/// pickle.load, joblib.load), so bytes that a pickle loader rejects before importing anything are understood.
/// </summary>
internal static class ModelFileNames
{
    private static readonly HashSet<string> PickleFamily = new(StringComparer.OrdinalIgnoreCase)
    {
        ".pkl", ".pickle", ".pt", ".pth", ".bin", ".ckpt", ".joblib", ".dill", ".sav",
    };

    // Formats models are distributed in whose loaders this scanner does not (fully) read. ".model" is left out: it is
    // also SentencePiece's tokenizer file (a protobuf of pieces, no code).
    private static readonly HashSet<string> OtherModels = new(StringComparer.OrdinalIgnoreCase)
    {
        ".h5", ".hdf5", ".keras", ".pb", ".onnx", ".safetensors", ".npy", ".npz", ".msgpack", ".tflite", ".gguf", ".ggml",
        ".mar", ".pdparams", ".pdmodel", ".nemo", ".mlmodel", ".params", ".caffemodel", ".llamafile", ".ptl", ".torchscript",
        ".engine", ".plan", ".xgb", ".ubj", ".lgb", ".cbm",
    };

    public static bool IsPickleFamily(string name) => PickleFamily.Contains(Path.GetExtension(name));

    public static bool IsModel(string name) => IsPickleFamily(name) || OtherModels.Contains(Path.GetExtension(name));
}
