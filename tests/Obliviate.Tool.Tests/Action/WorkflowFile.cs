using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace Obliviate.Tool.Tests.Action;

/// <summary>A parsed action.yml or workflow, with the few queries the action tests make.</summary>
internal sealed partial class WorkflowFile
{
    public WorkflowFile(string path)
    {
        Path = path;
        Text = File.ReadAllText(path);
        var stream = new YamlStream();
        stream.Load(new StringReader(Text));
        Root = (YamlMappingNode)stream.Documents[0].RootNode;
    }

    public string Path { get; }
    public string Text { get; }
    public YamlMappingNode Root { get; }

    public YamlMappingNode? Map(params string[] keys)
    {
        YamlNode node = Root;
        foreach (var key in keys)
        {
            if (node is not YamlMappingNode map || !map.Children.TryGetValue(new YamlScalarNode(key), out var next)) return null;
            node = next;
        }
        return node as YamlMappingNode;
    }

    public static IEnumerable<string> Keys(YamlMappingNode? map) => map?.Children.Keys.Select(k => ((YamlScalarNode)k).Value!) ?? [];

    public static string? Scalar(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var v) ? (v as YamlScalarNode)?.Value : null;

    /// <summary>The steps of a composite action (runs.steps) or of every job, with the job's name.</summary>
    public IEnumerable<(string Job, YamlMappingNode Step)> Steps()
    {
        if (Map("runs") is { } runs && runs.Children.TryGetValue(new YamlScalarNode("steps"), out var s))
        {
            foreach (var step in ((YamlSequenceNode)s).Children.Cast<YamlMappingNode>()) yield return ("action", step);
        }
        foreach (var job in Keys(Map("jobs")))
        {
            if (Map("jobs", job)!.Children.TryGetValue(new YamlScalarNode("steps"), out var js))
                foreach (var step in ((YamlSequenceNode)js).Children.Cast<YamlMappingNode>()) yield return (job, step);
        }
    }

    /// <summary>Every scalar under <paramref name="node"/> (keys excluded), depth first.</summary>
    public static IEnumerable<string> Scalars(YamlNode node) => node switch
    {
        YamlScalarNode s => [s.Value ?? ""],
        YamlMappingNode m => m.Children.Values.SelectMany(Scalars),
        YamlSequenceNode q => q.Children.SelectMany(Scalars),
        _ => [],
    };

    /// <summary>Every <c>${{ … }}</c> expression in <paramref name="text"/>.</summary>
    public static IEnumerable<string> Expressions(string text) => Expression().Matches(text).Select(m => m.Groups[1].Value.Trim());

    [GeneratedRegex(@"\$\{\{(.*?)\}\}")]
    private static partial Regex Expression();
}
