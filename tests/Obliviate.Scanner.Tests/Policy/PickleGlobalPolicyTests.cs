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
    [InlineData("__builtin__", "exec", GlobalClass.Dangerous)]
    [InlineData("builtins", "getattr", GlobalClass.Dangerous)]
    [InlineData("builtins", "__import__", GlobalClass.Dangerous)]
    [InlineData("runpy", "_run_code", GlobalClass.Dangerous)]
    [InlineData("importlib", "import_module", GlobalClass.Dangerous)]
    [InlineData("inspect", "getattr_static", GlobalClass.Dangerous)]
    [InlineData("bdb", "Bdb.run", GlobalClass.Dangerous)]
    [InlineData("torch.utils.bottleneck.__main__", "run_cprofile", GlobalClass.Dangerous)]
    [InlineData("numpy.testing._private.utils", "runstring", GlobalClass.Dangerous)]
    [InlineData("torch", "load", GlobalClass.Dangerous)]
    [InlineData("pathlib", "Path.write_text", GlobalClass.Dangerous)]
    [InlineData("collections", "OrderedDict.__class__", GlobalClass.Dangerous)]
    [InlineData("collections", "OrderedDict", GlobalClass.Allowed)]
    [InlineData("torch._utils", "_rebuild_tensor_v2", GlobalClass.Allowed)]
    [InlineData("torch", "BFloat16Storage", GlobalClass.Allowed)]
    [InlineData("torch", "bfloat16", GlobalClass.Allowed)]
    [InlineData("numpy.core.multiarray", "_reconstruct", GlobalClass.Allowed)]
    [InlineData("__builtin__", "set", GlobalClass.Allowed)]
    [InlineData("copy_reg", "_reconstructor", GlobalClass.Allowed)]
    [InlineData("torch.nn.modules.linear", "Linear", GlobalClass.Allowed)]
    [InlineData("sklearn.naive_bayes", "MultinomialNB", GlobalClass.Allowed)]
    [InlineData("pathlib", "PosixPath", GlobalClass.Allowed)]
    [InlineData("sklearn.datasets", "FetchOpenml", GlobalClass.Unknown)]
    [InlineData("torch._utils", "_rebuild_tensor_v2.x", GlobalClass.Unknown)]
    [InlineData("mylib.models", "Net", GlobalClass.Unknown)]
    [InlineData("torch.nn.modules.linear", "helper", GlobalClass.Unknown)]
    public void Grades(string module, string name, GlobalClass expected) =>
        Assert.Equal(expected, PickleGlobalPolicy.Default.Classify(module, name).Class);

    [Fact]
    public void Every_grade_has_a_reason()
    {
        foreach (var (m, n) in new[] { ("os", "system"), ("collections", "OrderedDict"), ("a", "b") })
            Assert.False(string.IsNullOrWhiteSpace(PickleGlobalPolicy.Default.Classify(m, n).Reason));
    }
}
