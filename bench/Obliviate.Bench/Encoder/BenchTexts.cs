namespace Obliviate.Bench.Encoder;

/// <summary>
/// Real input text for the benchmark: consecutive SST-2 test sentences joined until each row is longer than the sequence
/// length, so every position is a real token. Falls back to a fixed paragraph when ../shared/data is absent.
/// </summary>
internal static class BenchTexts
{
    private const string Fallback =
        "the film is a gripping , funny and ultimately heartbreaking story about growing up in a small town , " +
        "told with warmth and wit by a cast that never strikes a false note , even when the script wanders into " +
        "familiar territory and the final act leans a little too hard on sentiment .";

    public static IReadOnlyList<string> Rows(int count, int wordsPerRow, string repoRoot)
    {
        var sentences = Sst2Sentences(repoRoot);
        var rows = new List<string>(count);
        var next = 0;
        for (var r = 0; r < count; r++)
        {
            var words = new List<string>();
            while (words.Count < wordsPerRow)
            {
                words.AddRange(sentences[next % sentences.Count].Split(' ', StringSplitOptions.RemoveEmptyEntries));
                next++;
            }
            rows.Add(string.Join(' ', words));
        }
        return rows;
    }

    private static IReadOnlyList<string> Sst2Sentences(string repoRoot)
    {
        var path = Path.Combine(repoRoot, "..", "shared", "data", "text", "sst2-sentence-level", "test.tsv");
        if (!File.Exists(path)) return [Fallback];
        var sentences = File.ReadLines(path)
            .Select(line => line.Split('\t')[0].Trim())
            .Where(s => s.Length > 0)
            .Take(2000)
            .ToList();
        return sentences.Count > 0 ? sentences : [Fallback];
    }
}
