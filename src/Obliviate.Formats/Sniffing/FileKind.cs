namespace Obliviate.Formats.Sniffing;

/// <summary>What the leading bytes say a file is.</summary>
public enum FileKind
{
    Unknown,
    Empty,
    /// <summary>Starts with PROTO 2-5.</summary>
    Pickle,
    /// <summary>Starts with a pickle opcode but has no PROTO header (protocol 0/1, or arbitrary data): confirm by walking.</summary>
    MaybePickle,
    Zip,
    SevenZip,
    SafeTensors,
    Npy,
    Hdf5,
    Gguf,
    TfLite,
    Gzip,
    /// <summary>A raw zlib stream (joblib's default compressor).</summary>
    Zlib,
    Lz4,
    Bzip2,
    Xz,
    Zstd,
    Rar,
    Tar,
    Png,
    Jpeg,
    Gif,
    Pdf,
    Elf,
    Json,
    Text,
}
