namespace Obliviate.Scanner.Policy;

/// <summary>
/// The deny tables (the allowlist is <see cref="PickleAllowlist"/>). Sources: torch's weights_only allowlist (torch/_weights_only_unpickler.py), picklescan's
/// and modelscan's denylists, ModelAudit's suspicious_symbols, and the GHSA advisories in the picklescan test corpus.
/// </summary>
internal static class PickleGlobalTables
{
    private const string Exec = "executes code or shell commands";
    private const string Net = "opens network connections";
    private const string Files = "reads or writes files";
    public const string Loader = "loads another pickle or model (nested deserialization)";
    private const string Interp = "reaches interpreter internals or imports modules";
    private const string Gadget = "call gadget used to reach arbitrary attributes or functions";

    /// <summary>Module prefixes: the module itself and every submodule.</summary>
    public static readonly IReadOnlyDictionary<string, string> DenyModules = new Dictionary<string, string>
    {
        ["os"] = Exec, ["posix"] = Exec, ["nt"] = Exec, ["subprocess"] = Exec, ["_posixsubprocess"] = Exec, ["pty"] = Exec,
        ["sys"] = Interp, ["runpy"] = Exec, ["pip"] = "installs packages", ["ensurepip"] = "installs packages",
        ["importlib"] = Interp, ["imp"] = Interp, ["zipimport"] = Interp, ["pkgutil"] = Interp, ["site"] = Interp,
        ["ctypes"] = "calls native code", ["_ctypes"] = "calls native code", ["cffi"] = "calls native code",
        ["shutil"] = Files, ["tempfile"] = Files, ["glob"] = Files, ["io"] = Files, ["_io"] = Files, ["fileinput"] = Files,
        ["pathlib"] = Files, ["shelve"] = Files, ["dbm"] = Files, ["sqlite3"] = Files, ["tarfile"] = Files, ["zipfile"] = Files,
        ["logging"] = Files, ["mmap"] = Files, ["fcntl"] = Files,
        ["socket"] = Net, ["_socket"] = Net, ["ssl"] = Net, ["http"] = Net, ["httplib"] = Net, ["urllib"] = Net, ["urllib2"] = Net,
        ["urllib3"] = Net, ["requests"] = Net, ["httpx"] = Net, ["aiohttp"] = Net, ["ftplib"] = Net, ["smtplib"] = Net,
        ["telnetlib"] = Net, ["imaplib"] = Net, ["poplib"] = Net, ["nntplib"] = Net, ["xmlrpc"] = Net, ["socketserver"] = Net,
        ["webbrowser"] = Net, ["asyncio"] = Exec, ["select"] = Net, ["selectors"] = Net,
        ["pickle"] = Loader, ["_pickle"] = Loader, ["dill"] = Loader, ["cloudpickle"] = Loader, ["marshal"] = Loader,
        ["joblib"] = Loader,
        ["code"] = Exec, ["codeop"] = Exec, ["commands"] = Exec, ["popen2"] = Exec, ["platform"] = Exec, ["pydoc"] = Exec,
        ["timeit"] = Exec, ["trace"] = Exec, ["profile"] = Exec, ["cProfile"] = Exec, ["pstats"] = Exec, ["doctest"] = Exec,
        ["pdb"] = Exec, ["bdb"] = Exec, ["venv"] = Exec, ["distutils"] = Exec, ["setuptools"] = Exec, ["idlelib"] = Exec,
        ["lib2to3"] = Exec, ["_aix_support"] = Exec, ["_osx_support"] = Exec, ["_pyrepl"] = Exec, ["test"] = Exec,
        ["multiprocessing"] = Exec, ["_thread"] = Exec, ["thread"] = Exec, ["threading"] = Exec, ["signal"] = Exec,
        ["concurrent"] = Exec, ["sysconfig"] = Interp, ["types"] = Interp, ["inspect"] = Interp, ["gc"] = Interp,
        ["operator"] = Gadget, ["_operator"] = Gadget, ["functools"] = Gadget, ["_functools"] = Gadget,
        ["jinja2"] = Exec, ["mako"] = Exec, ["cgi"] = Exec, ["cgitb"] = Exec, ["wsgiref"] = Net, ["resource"] = Interp,
        ["msvcrt"] = Exec, ["winreg"] = Exec, ["_winapi"] = Exec,
        ["torch._inductor"] = Exec, ["torch._dynamo"] = Exec, ["torch.fx"] = Exec, ["torch.jit"] = Exec, ["torch.hub"] = Net,
        ["torch.package"] = Loader, ["torch.serialization"] = Loader, ["torch.utils.bottleneck"] = Exec,
        ["torch.utils.collect_env"] = Exec, ["torch.utils.data.datapipes"] = Exec, ["torch.utils._config_module"] = Exec,
        ["torch.utils.cpp_extension"] = Exec, ["torch.testing"] = Exec, ["torch.distributed"] = Net, ["torch.multiprocessing"] = Exec,
        ["torch._export"] = Exec, ["torch.export"] = Loader, ["torch.compiler"] = Exec, ["torch.ops"] = Exec,
        ["numpy.f2py"] = Exec, ["numpy.testing"] = Exec, ["numpy.distutils"] = Exec, ["numpy.ctypeslib"] = "calls native code",
        ["tensorflow.io"] = Files, ["tensorflow.python.ops.gen_io_ops"] = Files, ["keras.utils.get_file"] = Net,
    };

    /// <summary>Fully qualified names (and anything reached through them).</summary>
    public static readonly IReadOnlyDictionary<string, string> DenyNames = new Dictionary<string, string>
    {
        ["builtins.eval"] = Exec, ["builtins.exec"] = Exec, ["builtins.execfile"] = Exec, ["builtins.compile"] = Exec,
        ["builtins.open"] = Files, ["builtins.file"] = Files, ["builtins.input"] = Exec, ["builtins.breakpoint"] = Exec,
        ["builtins.getattr"] = Gadget, ["builtins.setattr"] = Gadget, ["builtins.delattr"] = Gadget, ["builtins.__import__"] = Interp,
        ["builtins.globals"] = Interp, ["builtins.locals"] = Interp, ["builtins.vars"] = Interp, ["builtins.apply"] = Gadget,
        ["builtins.reload"] = Interp, ["builtins.exit"] = Exec, ["builtins.quit"] = Exec, ["builtins.help"] = Exec,
        ["builtins.memoryview"] = Interp, ["builtins.type"] = Interp, ["builtins.super"] = Interp, ["builtins.classmethod"] = Gadget,
        ["builtins.staticmethod"] = Gadget, ["builtins.property"] = Gadget, ["builtins.map"] = Gadget, ["builtins.filter"] = Gadget,
        ["builtins.print"] = "writes to the console",
        ["torch.load"] = Loader, ["torch.save"] = Files, ["torch.storage._load_from_bytes"] = Loader, ["torch.from_file"] = Files,
        ["torch._C._jit_load"] = Loader, ["torch.classes"] = Exec,
        ["numpy.load"] = Loader, ["numpy.loadtxt"] = Files, ["numpy.genfromtxt"] = Files, ["numpy.fromfile"] = Files,
        ["numpy.save"] = Files, ["numpy.savez"] = Files, ["numpy.savetxt"] = Files, ["numpy.memmap"] = Files, ["numpy.tofile"] = Files,
        ["numpy.lib.format.read_array"] = Loader, ["numpy.lib.npyio"] = Files,
        ["codecs.open"] = Files, ["uuid._get_command_stdout"] = Exec, ["uuid._popen"] = Exec,
        ["copyreg._reconstructor.__globals__"] = Interp,
        // numpy's ufunc unpickler imports any module and returns any attribute by name (numpy/core/__init__.py).
        ["numpy.core._ufunc_reconstruct"] = Interp, ["numpy._core._ufunc_reconstruct"] = Interp,
        // The extension registry EXT1/EXT2/EXT4 resolve through: writing it redirects later imports.
        ["copyreg.add_extension"] = Interp, ["copyreg._inverted_registry"] = Interp, ["copyreg._extension_cache"] = Interp,
        ["copyreg._extension_registry"] = Interp,
    };
}
