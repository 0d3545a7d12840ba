namespace Obliviate.Scanner.Policy;

/// <summary>
/// Module attributes of stock libraries that are themselves modules (<c>import os</c> inside torch/serialization.py makes
/// <c>torch.serialization.os</c> the os module). Protocol 4 resolves dotted names attribute by attribute
/// (Lib/pickle.py <c>_getattribute</c>), so <c>find_class("torch.serialization", "os.system")</c> returns os.system: the
/// walk continues in the aliased module. Listed: the modules that host allowlisted globals (where a walk would start to
/// pass a module-prefix check) and the dangerous modules they import, as found in torch 1.13, numpy 1.24,
/// scikit-learn 1.2, joblib 1.2 and CPython 3.11. Any other dotted path is still graded by default-deny.
/// </summary>
internal static class ModuleAliases
{
    public static readonly IReadOnlyDictionary<string, string> Table = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["torch.os"] = "os", ["torch.sys"] = "sys", ["torch.builtins"] = "builtins", ["torch.ctypes"] = "ctypes",
        ["torch.inspect"] = "inspect", ["torch.platform"] = "platform", ["torch._utils.sys"] = "sys",
        ["torch._tensor.functools"] = "functools", ["torch.nn.modules.module.functools"] = "functools",
        ["torch.optim.optimizer.functools"] = "functools", ["torch.storage.io"] = "io",
        ["torch.serialization.os"] = "os", ["torch.serialization.sys"] = "sys", ["torch.serialization.io"] = "io",
        ["torch.serialization.pickle"] = "pickle", ["torch.serialization.shutil"] = "shutil", ["torch.serialization.tarfile"] = "tarfile",
        ["torch.serialization.tempfile"] = "tempfile", ["torch.serialization.pathlib"] = "pathlib",
        ["collections._sys"] = "sys", ["copyreg.sys"] = "sys", ["datetime.sys"] = "sys", ["codecs.sys"] = "sys", ["codecs.builtins"] = "builtins",
        ["pathlib.os"] = "os", ["pathlib.sys"] = "sys", ["pathlib.io"] = "io", ["pathlib.functools"] = "functools",
        ["numpy._builtins"] = "builtins", ["numpy.core.multiarray.functools"] = "functools", ["numpy.core.numeric.functools"] = "functools",
        ["numpy.core.numeric.operator"] = "operator", ["numpy.core.numeric.sys"] = "sys",
        ["numpy.ma.core.builtins"] = "builtins", ["numpy.ma.core.inspect"] = "inspect", ["numpy.ma.core.operator"] = "operator",
        ["numpy.lib.npyio.os"] = "os", ["numpy.lib.npyio.pickle"] = "pickle", ["numpy.lib.npyio.functools"] = "functools",
        ["numpy.lib.npyio.operator"] = "operator",
        ["numpy.testing._private.utils.os"] = "os", ["numpy.testing._private.utils.sys"] = "sys", ["numpy.testing._private.utils.shutil"] = "shutil",
        ["numpy.testing._private.utils.platform"] = "platform", ["numpy.testing._private.utils.gc"] = "gc",
        ["numpy.testing._private.utils.operator"] = "operator",
        ["joblib.numpy_pickle.os"] = "os", ["joblib.numpy_pickle.io"] = "io", ["joblib.numpy_pickle.pickle"] = "pickle",
        ["sklearn.base.inspect"] = "inspect", ["sklearn.base.platform"] = "platform", ["sklearn.utils.platform"] = "platform",
        ["sklearn.utils.validation.joblib"] = "joblib", ["sklearn.utils.validation.operator"] = "operator",
    };

    /// <summary>
    /// Module names that, met as an attribute inside a dotted path, are taken to be that module: nearly every module
    /// does <c>import os, sys</c> at the top, so <c>anylib.os.system</c> is os.system in practice. Only the plain names
    /// (a private <c>_pickle</c> may be a library's own submodule, e.g. numpy.random._pickle).
    /// </summary>
    public static readonly IReadOnlySet<string> CommonImports = new HashSet<string>(StringComparer.Ordinal)
    {
        "os", "posix", "nt", "sys", "subprocess", "builtins", "pickle", "shutil", "socket", "ctypes", "importlib", "runpy",
        "marshal", "pty",
    };
}
