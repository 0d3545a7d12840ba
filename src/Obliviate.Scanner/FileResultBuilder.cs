using Obliviate.Reports.Model;

namespace Obliviate.Scanner;

/// <summary>Mutable accumulator for one file while analyzers and repository checks add to it.</summary>
internal sealed class FileResultBuilder(string relativePath, string fullPath)
{
    public string RelativePath { get; } = relativePath;
    public string FullPath { get; } = fullPath;
    public long Size { get; set; }
    public string Sha256 { get; set; } = "";
    public string Format { get; set; } = "unknown";
    public FindingSink Sink { get; } = new();

    public FileResult Build() => new()
    {
        Path = RelativePath,
        Size = Size,
        Sha256 = Sha256,
        Format = Format,
        Verdict = Sink.Verdict(),
        Findings = Sink.Findings.ToList(),
        Note = Sink.NoteText(),
    };
}
