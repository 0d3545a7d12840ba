namespace Obliviate.Scanner.Analyzers;

/// <summary>The issues of one stream, and whether the stream hands data to a pickle loader (so pickles it embeds may run).</summary>
internal sealed record PickleStreamGrade(IReadOnlyList<PickleIssue> Issues, bool LoadsPickles);
