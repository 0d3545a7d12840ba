using Obliviate.Formats.Pickle;
using Obliviate.Scanner.Policy;

namespace Obliviate.Scanner.Tests.Policy;

public sealed class PickleNameResolverTests
{
    private static ResolvedGlobal Resolve(string module, string name, int protocol = 4) =>
        PickleNameResolver.Resolve(new PickleGlobal(module, name, 0, "STACK_GLOBAL") { Protocol = protocol });

    [Theory]
    [InlineData("__builtin__", "eval", 2, "builtins.eval")]
    [InlineData("__builtin__", "eval", 3, "__builtin__.eval")]
    [InlineData("commands", "getoutput", 0, "subprocess.getoutput")]
    [InlineData("torch", "serialization.os.system", 4, "os.system")]
    [InlineData("torch.serialization", "pickle.loads", 4, "pickle.loads")]
    [InlineData("numpy.testing._private.utils", "os.system", 4, "os.system")]
    [InlineData("collections", "_sys.modules", 4, "sys.modules")]
    [InlineData("mylib.helpers", "subprocess.run", 4, "subprocess.run")]
    [InlineData("numpy.random._pickle", "__randomstate_ctor", 4, "numpy.random._pickle.__randomstate_ctor")]
    [InlineData("numpy", "random._pickle.__randomstate_ctor", 4, "numpy.random._pickle.__randomstate_ctor")]
    [InlineData("torch._utils", "_rebuild_tensor_v2", 2, "torch._utils._rebuild_tensor_v2")]
    public void Resolves_like_find_class(string module, string name, int protocol, string expected) =>
        Assert.Equal(expected, Resolve(module, name, protocol).QualifiedName);

    [Fact]
    public void Hops_name_the_path_that_reached_the_callable()
    {
        var r = Resolve("torch", "serialization.os.system");
        Assert.Equal(("os", "system"), (r.Module, r.Name));
        Assert.Contains("torch.serialization.os is the os module", r.Via);
        var py2 = PickleNameResolver.Resolve(new PickleGlobal("__builtin__", "eval", 0, "GLOBAL") { Protocol = 2 });
        Assert.Contains("a Python 2 name, renamed by _compat_pickle below protocol 3", py2.Via);
    }

    [Fact]
    public void Extension_codes_name_their_registration()
    {
        var g = new PickleGlobal("os", "system", 40, "EXT1") { Protocol = 2, ExtensionCode = 7, ExtensionSource = "copyreg.add_extension at offset 12" };
        var r = PickleNameResolver.Resolve(g);
        Assert.Equal("os.system", r.QualifiedName);
        Assert.Contains("EXT1 code 7 registered by copyreg.add_extension at offset 12", r.Via);
    }
}
