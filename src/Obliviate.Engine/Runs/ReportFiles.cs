using Obliviate.Formats.IO;
using Obliviate.Reports.Json;
using Obliviate.Reports.Model;

namespace Obliviate.Engine.Runs;

/// <summary>Report files inside output folders (<c>eval_results.json</c>, <c>backdoor.json</c>): written atomically, read typed.</summary>
public static class ReportFiles
{
    /// <summary>A report file is a few kilobytes; anything far larger is not one.</summary>
    public const long MaxBytes = 16L << 20;

    public static void Save<T>(T report, string path) where T : Report =>
        AtomicFile.WriteText(path, writer => ReportJson.Write(report, writer));

    /// <exception cref="InvalidDataException">Missing, too large, not JSON or another kind of report.</exception>
    public static T Load<T>(string path) where T : Report
    {
        var info = new FileInfo(path);
        if (!info.Exists) throw new InvalidDataException($"{path}: file not found.");
        if (info.Length > MaxBytes) throw new InvalidDataException($"{path}: {info.Length} bytes is too large for a report file.");
        return ReportJson.Read<T>(File.ReadAllText(path), path);
    }
}
