using System.Text;
using Obliviate.Reports.Model;
using Obliviate.Tests.Fixtures;

namespace Obliviate.Scanner.Tests.Analyzers;

public sealed class TensorFlowAnalyzerTests
{
    private static FileResult Scan(byte[] data, string name = "saved_model.pb") => ModelFileScanner.ScanContent(data, name, new ScanOptions());

    private static byte[] SavedModel(params byte[][] functionNodes) =>
        TfGraphBytes.SavedModel(TfGraphBytes.Graph([TfGraphBytes.Node("x", "Placeholder"), TfGraphBytes.Node("save", "SaveV2")],
            TfGraphBytes.Function("__inference_call_7", [TfGraphBytes.Node("mm", "MatMul"), .. functionNodes])));

    [Fact]
    public void A_stock_saved_model_is_clean()
    {
        var f = Scan(SavedModel());
        Assert.Equal(("tf-savedmodel", Verdict.Clean), (f.Format, f.Verdict));
    }

    [Fact]
    public void Python_callbacks_in_a_function_are_dangerous()
    {
        var f = Scan(SavedModel(TfGraphBytes.Node("cb", "EagerPyFunc", ("token", "pyfunc_3")), TfGraphBytes.Node("cb2", "EagerPyFunc")));
        var x = Assert.Single(f.Findings);
        Assert.Equal(("OBL070", "op EagerPyFunc"), (x.RuleId, x.Evidence));
        Assert.Contains("node 'cb' in function __inference_call_7 (token 'pyfunc_3') and 1 more", x.Message);
        Assert.Equal(Verdict.Dangerous, f.Verdict);
    }

    [Theory]
    [InlineData("ReadFile")]
    [InlineData("WriteFile")]
    [InlineData("MatchingFiles")]
    public void File_access_ops_are_dangerous(string op)
    {
        var f = Scan(TfGraphBytes.Graph([TfGraphBytes.Node("n", op)]), "frozen_graph.pb");
        Assert.Equal(("tf-graphdef", "OBL071"), (f.Format, Assert.Single(f.Findings).RuleId));
    }

    [Fact]
    public void An_unreadable_saved_model_is_inconclusive()
    {
        var f = Scan([0x12, 0x40, 0x01, 0x02]);
        Assert.Equal(Verdict.Inconclusive, f.Verdict);
        Assert.Contains("not a TensorFlow SavedModel or GraphDef", f.Note);
    }

    [Fact]
    public void Keras_metadata_lambda_layers_and_fingerprints()
    {
        var json = Encoding.UTF8.GetBytes("{\"class_name\": \"Lambda\", \"config\": {\"name\": \"evil\", \"function\": \"4wEAAAAAAAAA\"}}");
        byte[] node = [0x10, 0x01, 0x2a, (byte)json.Length, .. json];
        var keras = Scan([0x0a, (byte)node.Length, .. node], "keras_metadata.pb");
        Assert.Equal(("keras-metadata", "OBL060"), (keras.Format, Assert.Single(keras.Findings).RuleId));
        var fingerprint = Scan([0x08, 0x01, 0x10, 0x02, 0x18, 0x03, 0x20, 0x04, 0x28, 0x05], "fingerprint.pb");
        Assert.Equal(("tf-fingerprint", Verdict.Clean), (fingerprint.Format, fingerprint.Verdict));
    }
}
