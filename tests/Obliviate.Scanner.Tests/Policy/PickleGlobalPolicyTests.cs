using Obliviate.Scanner.Policy;

namespace Obliviate.Scanner.Tests.Policy;

public sealed class PickleGlobalPolicyTests
{
    [Theory]
    [InlineData("os", "system", GlobalClass.Dangerous)]
    [InlineData("posix", "system", GlobalClass.Dangerous)]
    [InlineData("nt", "system", GlobalClass.Dangerous)]
    [InlineData("subprocess", "Popen", GlobalClass.Dangerous)]
    [InlineData("builtins", "eval", GlobalClass.Dangerous)]
    [InlineData("builtins", "getattr", GlobalClass.Dangerous)]
    [InlineData("builtins", "__import__", GlobalClass.Dangerous)]
    [InlineData("runpy", "_run_code", GlobalClass.Dangerous)]
    [InlineData("importlib", "import_module", GlobalClass.Dangerous)]
    [InlineData("inspect", "getattr_static", GlobalClass.Dangerous)]
    [InlineData("bdb", "Bdb.run", GlobalClass.Dangerous)]
    [InlineData("torch.utils.bottleneck.__main__", "run_cprofile", GlobalClass.Dangerous)]
    [InlineData("numpy.testing._private.utils", "runstring", GlobalClass.Dangerous)]
    [InlineData("numpy.core", "_ufunc_reconstruct", GlobalClass.Dangerous)]
    [InlineData("torch", "load", GlobalClass.Dangerous)]
    [InlineData("pathlib", "Path.write_text", GlobalClass.Dangerous)]
    [InlineData("collections", "OrderedDict.__class__", GlobalClass.Dangerous)]
    [InlineData("collections", "OrderedDict", GlobalClass.Allowed)]
    [InlineData("torch._utils", "_rebuild_tensor_v2", GlobalClass.Allowed)]
    [InlineData("torch", "BFloat16Storage", GlobalClass.Allowed)]
    [InlineData("torch", "bfloat16", GlobalClass.Allowed)]
    [InlineData("numpy.core.multiarray", "_reconstruct", GlobalClass.Allowed)]
    [InlineData("numpy.random._pickle", "__randomstate_ctor", GlobalClass.Allowed)]
    [InlineData("numpy.random._pickle", "__bit_generator_ctor", GlobalClass.Allowed)]
    [InlineData("builtins", "set", GlobalClass.Allowed)]
    [InlineData("copyreg", "_reconstructor", GlobalClass.Allowed)]
    [InlineData("torch.nn.modules.linear", "Linear", GlobalClass.Allowed)]
    [InlineData("sklearn.naive_bayes", "MultinomialNB", GlobalClass.Allowed)]
    [InlineData("sklearn.ensemble._forest", "RandomForestClassifier", GlobalClass.Allowed)]
    [InlineData("pathlib", "PosixPath", GlobalClass.Allowed)]
    [InlineData("sklearn.datasets", "FetchOpenml", GlobalClass.Unknown)]
    [InlineData("sklearn.utils._mocking", "CheckingClassifier", GlobalClass.Unknown)]
    [InlineData("torch._utils", "_rebuild_tensor_v2.x", GlobalClass.Unknown)]
    [InlineData("mylib.models", "Net", GlobalClass.Unknown)]
    [InlineData("torch.nn.modules.linear", "helper", GlobalClass.Unknown)]
    public void Grades_references(string module, string name, GlobalClass expected) =>
        Assert.Equal(expected, PickleGlobalPolicy.Default.Classify(module, name).Class);

    [Theory]
    [InlineData("mylib.models", "Net", GlobalClass.UnknownCall)]
    [InlineData("sklearn.datasets", "fetch_openml", GlobalClass.UnknownCall)]
    [InlineData("torch", "FloatStorage", GlobalClass.UnknownCall)]
    [InlineData("torch", "float32", GlobalClass.UnknownCall)]
    [InlineData("os", "system", GlobalClass.Dangerous)]
    [InlineData("collections", "OrderedDict", GlobalClass.Allowed)]
    [InlineData("numpy.random._pickle", "__randomstate_ctor", GlobalClass.Allowed)]
    public void Grades_calls_by_default_deny(string module, string name, GlobalClass expected) =>
        Assert.Equal(expected, PickleGlobalPolicy.Default.Classify(module, name, PickleUse.Call).Class);

    [Fact]
    public void Loaders_are_marked_so_nested_pickles_count_as_live()
    {
        Assert.True(PickleGlobalPolicy.Default.Classify("pickle", "loads", PickleUse.Call).LoadsPickles);
        Assert.False(PickleGlobalPolicy.Default.Classify("os", "system", PickleUse.Call).LoadsPickles);
    }

    [Fact]
    public void Every_allow_entry_is_exact_and_justified()
    {
        foreach (var (name, entry) in PickleGlobalPolicy.Default.Allowlist)
        {
            Assert.Matches(@"^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)+$", name);
            Assert.False(string.IsNullOrWhiteSpace(entry.Why), name);
            // Exact entries that override a denied module are deliberate and few: path values, torch's layout table and
            // joblib's array wrapper.
            if (name.StartsWith("pathlib.", StringComparison.Ordinal) || name is "torch.serialization._get_layout" or "joblib.numpy_pickle.NumpyArrayWrapper") continue;
            for (var q = name; q.Length > 0; q = q.Contains('.') ? q[..q.LastIndexOf('.')] : "")
                Assert.False(PickleGlobalTables.DenyNames.ContainsKey(q) || PickleGlobalTables.DenyModules.ContainsKey(q), $"{name} is under denied {q}");
        }
    }

    [Fact]
    public void Every_grade_has_a_reason()
    {
        foreach (var (m, n) in new[] { ("os", "system"), ("collections", "OrderedDict"), ("a", "b") })
        {
            Assert.False(string.IsNullOrWhiteSpace(PickleGlobalPolicy.Default.Classify(m, n).Reason));
            Assert.False(string.IsNullOrWhiteSpace(PickleGlobalPolicy.Default.Classify(m, n, PickleUse.Call).Reason));
        }
    }
}
