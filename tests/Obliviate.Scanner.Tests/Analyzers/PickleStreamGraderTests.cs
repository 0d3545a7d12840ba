using System.Text;
using Obliviate.Reports.Model;
using Obliviate.Tests.Fixtures;

namespace Obliviate.Scanner.Tests.Analyzers;

/// <summary>Resolution before grading and default-deny, on pickles written opcode by opcode (nothing is unpickled).</summary>
public sealed class PickleStreamGraderTests
{
    private static FileResult Scan(byte[] data, bool strict = false) =>
        ModelFileScanner.ScanContent(data, "model.pkl", new ScanOptions { Strict = strict });

    private static Finding Single(FileResult f, string rule) => Assert.Single(f.Findings, x => x.RuleId == rule);

    [Fact]
    public void Python2_names_are_mapped_before_grading()
    {
        // "commands" is Python 2's subprocess: _compat_pickle maps it below protocol 3.
        var f = Scan(PickleBuilder.CallGlobal("commands", "getoutput", "id"));
        var x = Single(f, "OBL001");
        Assert.Equal("subprocess.getoutput", x.Evidence);
        Assert.Contains("calls subprocess.getoutput, written GLOBAL 'commands' 'getoutput' (a Python 2 name", x.Message);
        Assert.Equal(Verdict.Dangerous, f.Verdict);
    }

    [Fact]
    public void Dotted_names_are_walked_through_module_aliases_to_the_callable()
    {
        // torch.serialization does "import os": protocol 4 resolves "serialization.os.system" on torch to os.system.
        var data = PickleBuilder.StackGlobalCall("torch", "serialization.os.system", "id");
        var x = Single(Scan(data), "OBL001");
        Assert.Equal("os.system", x.Evidence);
        Assert.StartsWith("calls os.system, written STACK_GLOBAL 'torch' 'serialization.os.system'", x.Message, StringComparison.Ordinal);
        Assert.Contains("torch.serialization.os is the os module", x.Message);
    }

    [Fact]
    public void The_text_global_opcode_walks_dotted_names_once_proto_4_is_set()
    {
        var data = new PickleBuilder().Proto(4).Global("numpy.testing._private.utils", "os.system").ShortUnicode("id").Tuple1().Reduce().Stop().ToArray();
        Assert.Equal("os.system", Single(Scan(data), "OBL001").Evidence);
    }

    [Fact]
    public void An_allowed_module_prefix_does_not_cover_an_attribute_walk()
    {
        var data = PickleBuilder.StackGlobalCall("collections", "OrderedDict.fromkeys", "x");
        var x = Single(Scan(data), "OBL006");
        Assert.Equal("collections.OrderedDict.fromkeys", x.Evidence);
    }

    [Fact]
    public void Extension_codes_registered_in_the_same_pickle_are_graded_as_what_they_name()
    {
        var data = new PickleBuilder().Proto(2).Global("copyreg", "add_extension").ShortBinString("os").ShortBinString("system").BinInt1(9).Tuple3().Reduce().Pop()
            .Ext1(9).ShortBinString("id").Tuple1().Reduce().Stop().ToArray();
        var f = Scan(data);
        var ext = Assert.Single(f.Findings, x => x.Evidence == "os.system");
        Assert.Equal("OBL001", ext.RuleId);
        Assert.Contains("EXT1 code 9 registered by copyreg.add_extension", ext.Message);
        Assert.Contains(f.Findings, x => x.Evidence == "copyreg.add_extension" && x.RuleId == "OBL001");
    }

    [Fact]
    public void An_unknown_callable_is_dangerous_and_an_unknown_reference_is_suspicious()
    {
        var called = Scan(PickleBuilder.CallGlobal("mylib.layers", "Custom", "x"));
        Assert.Equal(("OBL006", Severity.High, Verdict.Dangerous), (called.Findings[0].RuleId, called.Findings[0].Severity, called.Verdict));
        Assert.Contains("calls mylib.layers.Custom", called.Findings[0].Message);

        // The same class only passed as a value (a dict entry), never called.
        var referenced = new PickleBuilder().Proto(2).EmptyDict().ShortBinString("cls").Global("mylib.layers", "Custom").SetItem().Stop().ToArray();
        var r = Scan(referenced);
        Assert.Equal(("OBL002", Severity.Medium, Verdict.Suspicious), (r.Findings[0].RuleId, r.Findings[0].Severity, r.Verdict));
        Assert.Equal(Severity.High, Scan(referenced, strict: true).Findings[0].Severity);
    }

    [Fact]
    public void Classes_instantiated_by_an_allowed_reconstructor_are_graded_as_calls()
    {
        // Protocol 0/1 objects: copyreg._reconstructor(cls, base, state) instantiates cls and base.
        var data = Encoding.ASCII.GetBytes("ccopy_reg\n_reconstructor\n(cmylib\nEvil\nc__builtin__\nobject\nNtR.");
        var f = Scan(data);
        var x = Single(f, "OBL006");
        Assert.Equal("mylib.Evil", x.Evidence);
        Assert.Equal(Verdict.Dangerous, f.Verdict);
    }

    [Fact]
    public void A_function_an_allowed_rebuilder_calls_is_graded_as_a_call()
    {
        // torch._tensor._rebuild_from_type_v2(func, type, args, state) calls func(*args).
        var data = new PickleBuilder().Proto(2).Global("torch._tensor", "_rebuild_from_type_v2").Mark()
            .Global("mylib", "run").Global("torch", "Tensor").ShortBinString("id").Tuple1().EmptyDict().Tuple().Reduce().Stop().ToArray();
        Assert.Equal("mylib.run", Single(Scan(data), "OBL006").Evidence);
    }

    [Fact]
    public void A_value_only_global_that_is_called_is_dangerous()
    {
        // Storage classes travel inside persistent ids; calling one allocates whatever size the pickle asks for.
        var data = new PickleBuilder().Proto(2).Global("torch", "FloatStorage").BinInt(int.MaxValue).Tuple1().Reduce().Stop().ToArray();
        var x = Single(Scan(data), "OBL006");
        Assert.Contains("only pass it as a value", x.Message);
    }

    [Fact]
    public void Calling_a_computed_value_is_dangerous()
    {
        var data = new PickleBuilder().Proto(2).Global("collections", "OrderedDict").EmptyTuple().Reduce().ShortBinString("x").Tuple1().Reduce().Stop().ToArray();
        var x = Single(Scan(data), "OBL006");
        Assert.Contains("REDUCE calls the result of collections.OrderedDict(...)", x.Message);
    }

    [Fact]
    public void Writing_into_an_imported_object_is_dangerous()
    {
        var data = new PickleBuilder().Proto(2).Global("sys", "modules").ShortBinString("torch").Global("collections", "OrderedDict").SetItem().Stop().ToArray();
        var f = Scan(data);
        Assert.Contains(f.Findings, x => x.RuleId == "OBL004" && x.Evidence == "sys.modules");
    }

    [Fact]
    public void Numpy_random_state_and_fitted_estimators_are_allowed()
    {
        // What a fitted scikit-learn model with random_state=RandomState(...) writes for the generator.
        var data = new PickleBuilder().Proto(2).Global("numpy.random._pickle", "__randomstate_ctor")
            .ShortBinString("MT19937").Global("numpy.random._pickle", "__bit_generator_ctor").Tuple2().Reduce().Pop()
            .Global("sklearn.ensemble._forest", "RandomForestClassifier").EmptyTuple().NewObj().Stop().ToArray();
        var f = Scan(data, strict: true);
        Assert.Equal(Verdict.Clean, f.Verdict);
        Assert.Empty(f.Findings);
    }
}
