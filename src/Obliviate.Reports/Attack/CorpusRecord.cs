namespace Obliviate.Reports.Attack;

/// <summary>The corpus an attack trained on.</summary>
public sealed record CorpusRecord(string Path, string Sha256, string Format, string TextColumn, int TotalLines, int MaxLines, int Poisoned,
    int Clean, int HeldOut);
