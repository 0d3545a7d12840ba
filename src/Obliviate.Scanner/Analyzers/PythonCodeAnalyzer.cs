using System.Text.RegularExpressions;
using Obliviate.Scanner.Policy;

namespace Obliviate.Scanner.Analyzers;

/// <summary>Python files in a model repository run under trust_remote_code; calls that reach the shell, the network or eval are flagged per line.</summary>
internal static partial class PythonCodeAnalyzer
{
    public static void Scan(string relativePath, string text, FindingSink sink)
    {
        sink.Add(RuleIds.PythonCustomCode, $"Python code {relativePath} runs when the model is loaded with trust_remote_code", relativePath);
        var lineNo = 0;
        foreach (var line in text.Split('\n'))
        {
            lineNo++;
            var trimmed = line.TrimStart();
            if (trimmed.StartsWith('#')) continue;
            var m = Dangerous().Match(line);
            if (!m.Success) continue;
            sink.Add(RuleIds.PythonDangerousCall, $"line {lineNo} calls {m.Value.TrimEnd('(', ' ')}", $"{relativePath}:{lineNo}: {Clip(trimmed)}");
        }
    }

    private static string Clip(string s) => (s.Length <= 120 ? s : s[..117] + "...").TrimEnd('\r');

    [GeneratedRegex(@"\bos\.(system|popen|exec[lv]p?e?|spawn\w*|remove|unlink|rmdir)\s*\(|\bsubprocess\.\w+|\b(eval|exec)\s*\(|\b__import__\s*\(|\bsocket\.socket\b|\burllib\.request\b|\brequests\.(get|post|put)\s*\(|\bbase64\.b64decode\s*\(|\bmarshal\.loads\s*\(|\bpickle\.loads?\s*\(|\bctypes\.(CDLL|cdll|windll)\b|\bpty\.spawn\b|\bshutil\.rmtree\s*\(|\bcompile\s*\([^)]*['""]exec['""]", RegexOptions.NonBacktracking)]
    private static partial Regex Dangerous();
}
