namespace Obliviate.Engine.Data;

/// <summary>
/// A dataset file that cannot be used: the message names the file, the 1-based physical line (when one applies) and the defect.
/// The CLI maps it to a user error (exit 2) and prints only the message: the file and line are what the user needs.
/// </summary>
public sealed class DatasetFormatException : FormatException
{
    public DatasetFormatException(string filePath, int? line, string problem)
        : base(line is { } l ? $"{filePath}:{l}: {problem}" : $"{filePath}: {problem}")
    {
        FilePath = filePath;
        Line = line;
        Problem = problem;
    }

    public string FilePath { get; }

    /// <summary>The 1-based physical line where the offending row starts; null for whole-file problems.</summary>
    public int? Line { get; }

    /// <summary>What is wrong, without the file and line prefix.</summary>
    public string Problem { get; }
}
