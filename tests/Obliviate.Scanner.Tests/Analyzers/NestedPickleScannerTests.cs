using System.Text;
using Obliviate.Reports.Model;
using Obliviate.Tests.Fixtures;

namespace Obliviate.Scanner.Tests.Analyzers;

/// <summary>One policy for pickles inside data: walked and graded by what they call, dormant unless the file unpickles them.</summary>
public sealed class NestedPickleScannerTests
{
    private static readonly byte[] Payload = PickleBuilder.CallGlobal("os", "system", "id");

    private static FileResult Scan(byte[] data, string name = "x.pkl") => ModelFileScanner.ScanContent(data, name, new ScanOptions());

    [Theory]
    [InlineData("raw")]
    [InlineData("base64")]
    [InlineData("hex")]
    public void A_dormant_payload_in_a_constant_is_suspicious_and_names_what_it_would_call(string encoding)
    {
        var carrier = encoding switch
        {
            "raw" => new PickleBuilder().Proto(3).BinBytes(Payload).Stop().ToArray(),
            "base64" => new PickleBuilder().Proto(3).BinUnicode(Convert.ToBase64String(Payload)).Stop().ToArray(),
            _ => new PickleBuilder().Proto(3).BinUnicode(Convert.ToHexString(Payload)).Stop().ToArray(),
        };
        var f = Scan(carrier);
        var x = Assert.Single(f.Findings);
        Assert.Equal(("OBL005", Severity.Medium, $"{encoding}: os.system"), (x.RuleId, x.Severity, x.Evidence));
        Assert.Contains("would call os.system if something unpickled it", x.Message);
        Assert.StartsWith("#pickle@", x.InnerPath, StringComparison.Ordinal);
        Assert.Equal(Verdict.Suspicious, f.Verdict);
    }

    [Fact]
    public void Code_snippets_that_look_like_pickles_in_a_dataset_are_not_dangerous()
    {
        // A pickled list of strings, as a dataset of code snippets is: a Python file's text starts with protocol-0 opcodes
        // ('i' INST, 'c' GLOBAL) but names nothing an unpickler could import; a benign list pickle is just data.
        var snippets = new[] { "import os\nos.system('ls')\n.", "class A:\n    pass\n.", "(lp0\nI1\naI2\na.", "Not bad at all.", "(see above)." };
        var b = new PickleBuilder().Proto(4).EmptyList().Mark();
        foreach (var s in snippets) b.BinUnicode(s);
        var f = Scan(b.Appends().Stop().ToArray(), "snippets.pkl");
        Assert.Equal(Verdict.Clean, f.Verdict);
        Assert.Empty(f.Findings);
    }

    [Fact]
    public void A_payload_the_file_itself_unpickles_is_graded_at_full_severity()
    {
        var data = new PickleBuilder().Proto(3).Global("pickle", "loads").BinBytes(Payload).Tuple1().Reduce().Stop().ToArray();
        var f = Scan(data);
        Assert.Contains(f.Findings, x => x.RuleId == "OBL001" && x.Evidence == "pickle.loads" && x.InnerPath is null);
        Assert.Contains(f.Findings, x => x.RuleId == "OBL001" && x.Evidence == "os.system" && x.InnerPath!.StartsWith("#pickle@", StringComparison.Ordinal));
        Assert.Equal(Verdict.Dangerous, f.Verdict);
    }

    [Fact]
    public void A_benign_nested_pickle_is_a_note_not_a_finding()
    {
        var inner = new PickleBuilder().Proto(2).Global("collections", "OrderedDict").EmptyTuple().Reduce().Stop().ToArray();
        var f = Scan(new PickleBuilder().Proto(3).BinBytes(inner).Stop().ToArray());
        Assert.Empty(f.Findings);
        Assert.Contains("uses only allowlisted globals", f.Note);
        Assert.Equal(Verdict.Clean, f.Verdict);
    }

    [Fact]
    public void A_base64_pickle_in_safetensors_metadata_is_decoded_and_graded()
    {
        var file = SafeTensorsBytes.Build(new Dictionary<string, long[]> { ["w"] = [2] },
            new Dictionary<string, string> { ["format"] = "pt", ["config"] = Convert.ToBase64String(Payload) });
        var f = Scan(file, "model.safetensors");
        var x = Assert.Single(f.Findings);
        Assert.Equal(("OBL005", "base64: os.system", "#__metadata__.config"), (x.RuleId, x.Evidence, x.InnerPath));
        Assert.Contains("__metadata__ entry 'config' holds a base64-encoded pickle", x.Message);
    }

    [Fact]
    public void A_pickle_in_a_json_config_value_is_decoded_and_graded()
    {
        var json = $"{{\"model_type\": \"bert\", \"extra\": {{\"blob\": \"{Convert.ToHexString(Payload)}\"}}}}";
        var f = Scan(Encoding.UTF8.GetBytes(json), "config.json");
        var x = Assert.Single(f.Findings);
        Assert.Equal(("OBL005", "hex: os.system", "#json$.extra.blob"), (x.RuleId, x.Evidence, x.InnerPath));
    }

    [Fact]
    public void A_dormant_payload_with_a_computed_import_is_still_graded()
    {
        // The type-confusion trick: STACK_GLOBAL fed an int, then the real import. No name to check, still a whole pickle.
        var obfuscated = new PickleBuilder().Proto(4).BinInt(42).ShortUnicode("os").StackGlobal().Pop()
            .ShortUnicode("os").ShortUnicode("system").StackGlobal().ShortUnicode("id").Tuple1().Reduce().Stop().ToArray();
        var f = Scan(new PickleBuilder().Proto(3).BinUnicode(Convert.ToBase64String(obfuscated)).Stop().ToArray());
        Assert.Contains(f.Findings, x => x.RuleId == "OBL005" && x.Message.Contains("os.system", StringComparison.Ordinal));
    }
}
