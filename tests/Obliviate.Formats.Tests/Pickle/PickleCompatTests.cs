using Obliviate.Formats.Pickle;

namespace Obliviate.Formats.Tests.Pickle;

public sealed class PickleCompatTests
{
    [Theory]
    [InlineData("__builtin__", "eval", 2, "builtins", "eval")]
    [InlineData("__builtin__", "reduce", 0, "functools", "reduce")]
    [InlineData("__builtin__", "xrange", 2, "builtins", "range")]
    [InlineData("commands", "getoutput", 2, "subprocess", "getoutput")]
    [InlineData("urllib", "urlopen", 1, "urllib.request", "urlopen")]
    [InlineData("urllib2", "urlopen", 2, "urllib.request", "urlopen")]
    [InlineData("copy_reg", "_reconstructor", 2, "copyreg", "_reconstructor")]
    [InlineData("exceptions", "StandardError", 0, "builtins", "Exception")]
    [InlineData("dbm", "open", 2, "dbm.ndbm", "open")]
    [InlineData("__builtin__", "eval", 3, "__builtin__", "eval")]
    [InlineData("commands", "getoutput", 4, "commands", "getoutput")]
    public void Python2_names_map_like_find_class(string module, string name, int protocol, string toModule, string toName) =>
        Assert.Equal((toModule, toName), PickleCompat.Map(module, name, protocol));
}
