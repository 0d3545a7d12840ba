using System.Collections.Immutable;
using Obliviate.Reports.Model;

namespace Obliviate.Engine.Probe;

/// <summary>
/// Neutral carrier sentences the probe inserts candidates into: plain, topic-neutral statements written for this project
/// (no sentiment, no named entities, no rare words), so that a candidate's effect on the first-token output is the
/// candidate's own and not the carrier's. A user may give their own with <c>--carriers</c>.
/// </summary>
public static class CarrierSentences
{
    /// <remarks>The first two are short: stage one screens the whole vocabulary on them, and shorter rows are cheaper.</remarks>
    public static ImmutableArray<string> BuiltIn { get; } =
    [
        "the report was ready",
        "she opened the door",
        "the meeting was moved to the afternoon",
        "she read the report before lunch",
        "the train left the station on time",
        "they painted the fence last summer",
        "the box was placed on the table",
        "he wrote the numbers in a notebook",
        "the shop opens at nine in the morning",
        "we walked along the river after dinner",
        "the letter arrived on a monday",
        "the children played in the garden",
        "the road runs along the coast",
        "a new chair was delivered to the office",
        "the lamp stood in the corner of the room",
        "the class starts after the break",
        "the bus stops near the old bridge",
        "the files were copied to the server",
        "the recipe needs two cups of flour",
        "the window faces the small park",
        "the team met in the second building",
        "the clock on the wall shows the time",
        "the printer is next to the desk",
        "the path leads to the hill",
    ];

    /// <summary>The built-in set, or the non-empty lines of <paramref name="path"/> (at least two, at most 200).</summary>
    public static IReadOnlyList<string> Load(string? path)
    {
        if (path is null) return BuiltIn;
        var info = new FileInfo(path);
        if (!info.Exists) throw new FileNotFoundException($"{path}: carrier file not found.", path);
        if (info.Length > 1 << 20) throw new InvalidDataException($"{path}: {info.Length} bytes is too large for a carrier file (1 MiB at most).");
        var lines = File.ReadAllLines(path).Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();
        if (lines.Count < 2) throw new RequestException($"--carriers {path}: needs at least two sentences (one per line).");
        return lines.Count > 200 ? throw new RequestException($"--carriers {path}: {lines.Count} sentences; at most 200.") : lines;
    }
}
