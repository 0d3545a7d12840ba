using Obliviate.Reports.Model;

namespace Obliviate.Reports.Tests;

/// <summary>Fixed reports that exercise every branch of the renderers, including hostile text from a scanned file.</summary>
internal static class SampleReports
{
    public const string PickleSha = "4afa15451e18b5bb00000000000000000000000000000000000000000000aaaa";

    public static readonly RuleDescriptor DangerousGlobal = new("OBL001", "dangerous-pickle-global", Severity.Critical,
        "The pickle imports a callable that can execute code, spawn processes or reach the network when loaded.",
        "Do not load this file. Ask the publisher for a safetensors export.");

    public static readonly RuleDescriptor UnknownGlobal = new("OBL002", "unknown-pickle-global", Severity.Medium,
        "The pickle imports a global outside the allowlist of stock torch/numpy/collections checkpoints.",
        "Review the global; load with weights_only=True or convert to safetensors.");

    public static readonly RuleDescriptor CustomCode = new("OBL020", "remote-code", Severity.High,
        "config.json maps model classes to Python files in the repository (auto_map), which trust_remote_code runs.",
        "Read the referenced .py files before enabling trust_remote_code.");

    /// <summary>A folder with a dangerous pickle, a suppressed custom-code finding, a clean safetensors, a 7z and an odd name.</summary>
    public static ScanReport Mixed() => new()
    {
        Target = "/data/models/demo",
        Verdict = Verdict.Dangerous,
        Files =
        [
            new FileResult
            {
                Path = "checkpoint/pytorch_model.bin",
                Size = 1036,
                Sha256 = PickleSha,
                Format = "pytorch-zip",
                Verdict = Verdict.Dangerous,
                Findings =
                [
                    new Finding
                    {
                        RuleId = "OBL001", Severity = Severity.Critical, Message = "Pickle imports posix.system.",
                        Evidence = "posix.system", Offset = 97, InnerPath = "archive/data.pkl",
                        Advice = DangerousGlobal.Advice,
                    },
                    new Finding
                    {
                        RuleId = "OBL002", Severity = Severity.Medium, Message = "Pickle imports an unknown global.",
                        Evidence = "mylib.Thing", Offset = 12,
                    },
                ],
            },
            new FileResult
            {
                Path = "config.json",
                Size = 412,
                Sha256 = "0b53259a87422485000000000000000000000000000000000000000000000bbb",
                Format = "json",
                Verdict = Verdict.Clean,
                Findings =
                [
                    new Finding
                    {
                        RuleId = "OBL020", Severity = Severity.High, Message = "auto_map points at repository code.",
                        Evidence = "auto_map.AutoModel = modeling_x.Cls",
                        Suppression = new Suppression("Reviewed modeling_x.py in PR 12.", ".obliviate-suppressions.json"),
                    },
                ],
            },
            new FileResult
            {
                Path = "model.safetensors",
                Size = 702,
                Sha256 = "cca72ad6c59a46ea000000000000000000000000000000000000000000000ccc",
                Format = "safetensors",
                Verdict = Verdict.Clean,
            },
            new FileResult
            {
                Path = "extra/weights.7z",
                Size = 198,
                Sha256 = "0ce5a12db727d863000000000000000000000000000000000000000000000ddd",
                Format = "7z",
                Verdict = Verdict.Inconclusive,
                Note = "7z archives are not read; extract and scan the members.",
            },
            new FileResult
            {
                // A hostile name and evidence: table separators, Markdown link syntax and a terminal escape sequence.
                Path = "odd dir/we|ird [x](http:evil).pkl",
                Size = 33,
                Sha256 = "2265909c5f683e65000000000000000000000000000000000000000000000eee",
                Format = "pickle",
                Verdict = Verdict.Suspicious,
                Findings =
                [
                    new Finding
                    {
                        RuleId = "OBL002", Severity = Severity.Low, Message = "Unknown global *bold* <b>x</b>.",
                        Evidence = "evil\u001b[31m.red\u202egnp",
                    },
                ],
            },
        ],
        Rules = [DangerousGlobal, UnknownGlobal, CustomCode],
        Run = new ScanRunInfo("0.1.0", new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero), 1.25),
    };

    public static ScanReport Empty() => new()
    {
        Target = "empty-folder",
        Verdict = Verdict.Skipped,
        Files = [],
        Rules = [],
    };
}
