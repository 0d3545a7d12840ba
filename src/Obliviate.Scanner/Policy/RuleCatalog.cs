using System.Collections.Frozen;
using Obliviate.Reports.Model;

namespace Obliviate.Scanner.Policy;

/// <summary>The rule table: every finding's id, default severity, description and advice come from here.</summary>
public static class RuleCatalog
{
    public static IReadOnlyList<RuleDescriptor> All { get; } =
    [
        new(RuleIds.PickleDangerousGlobal, "pickle-dangerous-global", Severity.Critical,
            "The pickle imports a callable on the denylist (code execution, shell, network, file or interpreter access).",
            "Do not load this file. Obtain the weights as safetensors from a trusted publisher."),
        new(RuleIds.PickleUnknownGlobal, "pickle-unknown-global", Severity.Medium,
            "The pickle imports a global that is on neither the allowlist of stock torch/numpy/collections globals nor the denylist.",
            "Review the import; load only with torch.load(weights_only=True) or convert to safetensors."),
        new(RuleIds.PickleUnresolvedGlobal, "pickle-unresolved-global", Severity.High,
            "The pickle imports a global whose module or name cannot be known without executing it (STACK_GLOBAL fed by computed values, extension codes): an obfuscation only hostile pickles need.",
            "Do not load this file."),
        new(RuleIds.PickleGlobalOverwrite, "pickle-global-overwrite", Severity.High,
            "BUILD is applied to an imported module or class itself, overwriting its attributes so that later imports resolve to something else.",
            "Do not load this file."),
        new(RuleIds.PickleNestedPickle, "pickle-nested-pickle", Severity.Medium,
            "A string or bytes constant holds another pickle (raw, base64 or hex), a common way to smuggle a payload past scanners.",
            "Inspect the nested pickle's findings; legitimate checkpoints do not embed pickles in strings."),
        new(RuleIds.ArchivePathTraversal, "archive-path-traversal", Severity.High,
            "An archive member path is absolute or climbs out of the extraction folder ('..').",
            "Never extract this archive; its members would be written outside the target folder."),
        new(RuleIds.ZipNameMismatch, "zip-name-mismatch", Severity.Medium,
            "The central directory and the local header name a member differently, so tools disagree about what the archive holds.",
            "Treat the archive as hostile to scanners; rebuild it from trusted sources."),
        new(RuleIds.ZipFlagTrick, "zip-flag-trick", Severity.Medium,
            "A member claims encryption or other unusual flags but is stored in plain text, which makes some scanners skip it while loaders read it.",
            "Treat the archive as hostile to scanners; rebuild it from trusted sources."),
        new(RuleIds.ZipCrcMismatch, "zip-crc-mismatch", Severity.Low,
            "A member's CRC-32 does not match its contents (corruption or tampering after packing).",
            "Re-download the file and compare its hash with the publisher's."),
        new(RuleIds.ZipPrependedData, "zip-prepended-data", Severity.Medium,
            "Bytes precede the zip archive: the file can be read as two formats (a polyglot).",
            "Check which loader reads which part; prefer a file that is a single format."),
        new(RuleIds.SymlinkOutsideRoot, "symlink-outside-root", Severity.High,
            "A symbolic link points outside the scanned folder; loading through it reads files the repository does not contain.",
            "Remove the link; it was not followed."),
        new(RuleIds.SafeTensorsMetadataCode, "safetensors-metadata-code", Severity.Medium,
            "A safetensors __metadata__ value looks like code, a command or a URL payload; loaders do not run it, but tooling that evaluates metadata might.",
            "Inspect the metadata and strip it before redistribution."),
        new(RuleIds.ConfigAutoMap, "config-auto-map", Severity.Medium,
            "config.json maps an Auto class to code in the repository (auto_map): loading with trust_remote_code=True executes it.",
            "Review the referenced Python files, pin the revision, or use a model with a stock architecture."),
        new(RuleIds.ConfigTrustRemoteCode, "config-trust-remote-code", Severity.Medium,
            "A configuration file asks for trust_remote_code, i.e. running the repository's Python code on load.",
            "Load without trust_remote_code unless the code has been reviewed."),
        new(RuleIds.ConfigRemoteCodeRepo, "config-remote-code-repo", Severity.High,
            "auto_map points to code in another repository ('org/repo--module.Class'): loading runs code this scan cannot see.",
            "Do not load with trust_remote_code; the referenced repository can change at any time."),
        new(RuleIds.PythonCustomCode, "python-custom-code", Severity.Medium,
            "The repository ships Python code that trust_remote_code would execute.",
            "Review the code before loading with trust_remote_code=True."),
        new(RuleIds.PythonDangerousCall, "python-dangerous-call", Severity.High,
            "Python code in the repository runs shell commands, evaluates strings, opens network connections or decodes hidden payloads.",
            "Do not load this repository with trust_remote_code."),
        new(RuleIds.TokenizerInvisibleUnicode, "tokenizer-invisible-unicode", Severity.Medium,
            "An added token contains control, zero-width, bidirectional or tag characters: invisible triggers users cannot see in text.",
            "Remove the token or verify why the model needs it."),
        new(RuleIds.TokenizerPlainAddedToken, "tokenizer-plain-added-token", Severity.Low,
            "A non-special added token is an ordinary word or rare short string, the shape of a planted backdoor trigger.",
            "Check the token's purpose; run `obliviate probe` on the model."),
        new(RuleIds.TokenizerKnownTrigger, "tokenizer-known-trigger", Severity.Medium,
            "An added token equals a trigger used by published NLP backdoor attacks (e.g. cf, mn, tq, bb, mb).",
            "Run `obliviate probe`; retrain adapters with `obliviate defend` if the trigger fires."),
        new(RuleIds.VocabEmbeddingMismatch, "vocab-embedding-mismatch", Severity.Medium,
            "The tokenizer can produce ids beyond the embedding matrix, or config.json disagrees with the weights.",
            "Check that tokenizer and weights come from the same model revision."),
        new(RuleIds.OnnxExternalDataEscape, "onnx-external-data-escape", Severity.High,
            "An ONNX tensor's external data location is absolute or leaves the model folder: loading reads arbitrary files.",
            "Do not load the model; external data must live beside the .onnx file."),
        new(RuleIds.KerasLambdaLayer, "keras-lambda-layer", Severity.High,
            "The Keras model contains a Lambda layer, i.e. serialized Python bytecode that runs when the model is loaded.",
            "Load only with safe_mode=True, or rebuild the layer from reviewed code."),
    ];

    private static readonly FrozenDictionary<string, RuleDescriptor> ById = All.ToFrozenDictionary(r => r.Id);

    public static RuleDescriptor Get(string id) =>
        ById.TryGetValue(id, out var rule) ? rule : throw new ArgumentException($"unknown rule id {id}", nameof(id));
}
