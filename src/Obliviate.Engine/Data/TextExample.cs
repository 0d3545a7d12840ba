namespace Obliviate.Engine.Data;

/// <summary>One labelled example.</summary>
/// <param name="Text">The (first) text; triggers are inserted here for pair tasks too (docs/method.md §5).</param>
/// <param name="TextPair">The second text of a pair task, or null.</param>
/// <param name="Label">The label id under the dataset's <see cref="LabelMap"/>.</param>
/// <param name="Line">The 1-based physical line the row starts on, so later errors can point back at the file.</param>
public sealed record TextExample(string Text, string? TextPair, int Label, int Line);
