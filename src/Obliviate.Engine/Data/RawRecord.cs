namespace Obliviate.Engine.Data;

/// <summary>One parsed delimited record and the 1-based physical line it starts on.</summary>
internal sealed record RawRecord(IReadOnlyList<string> Fields, int Line);
