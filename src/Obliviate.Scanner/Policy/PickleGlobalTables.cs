namespace Obliviate.Scanner.Policy;

/// <summary>
/// The allow and deny tables. Sources: torch's weights_only allowlist (torch/_weights_only_unpickler.py), picklescan's
/// and modelscan's denylists, ModelAudit's suspicious_symbols, and the GHSA advisories in the picklescan test corpus.
/// </summary>
internal static class PickleGlobalTables
{
    private const string Exec = "executes code or shell commands";
    private const string Net = "opens network connections";
    private const string Files = "reads or writes files";
    private const string Loader = "loads another pickle or model (nested deserialization)";
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
    };

    /// <summary>Exact names that stock torch, numpy, scikit-learn and collections checkpoints use.</summary>
    public static readonly IReadOnlyCollection<string> AllowNames = BuildAllow();

    private static HashSet<string> BuildAllow()
    {
        var allow = new HashSet<string>(StringComparer.Ordinal)
        {
            "collections.OrderedDict", "collections.defaultdict", "collections.deque", "collections.Counter",
            "copyreg._reconstructor", "copyreg.__newobj__", "copyreg.__newobj_ex__", "_codecs.encode",
            "torch._utils._rebuild_tensor", "torch._utils._rebuild_tensor_v2", "torch._utils._rebuild_tensor_v3",
            "torch._utils._rebuild_parameter", "torch._utils._rebuild_parameter_with_state", "torch._utils._rebuild_sparse_tensor",
            "torch._utils._rebuild_qtensor", "torch._utils._rebuild_device_tensor_from_numpy", "torch._utils._rebuild_meta_tensor_no_storage",
            "torch._utils._rebuild_wrapper_subclass", "torch._utils._rebuild_nested_tensor", "torch._utils._rebuild_xla_tensor",
            "torch._tensor._rebuild_from_type", "torch._tensor._rebuild_from_type_v2", "torch.storage.TypedStorage", "torch.storage.UntypedStorage",
            "torch.Size", "torch.device", "torch.dtype", "torch.Tensor", "torch.nn.parameter.Parameter", "torch.nn.parameter.Buffer",
            "torch.nn.parameter.UninitializedParameter", "torch.serialization._get_layout", "torch.strided", "torch.sparse_coo",
            "torch.sparse_csr", "torch.sparse_csc", "torch.sparse_bsr", "torch.sparse_bsc", "torch.per_tensor_affine",
            "torch.per_channel_affine", "torch.per_tensor_symmetric", "torch.per_channel_symmetric", "torch.contiguous_format",
            "torch.channels_last", "torch.channels_last_3d", "torch.preserve_format",
            "numpy.core.multiarray._reconstruct", "numpy._core.multiarray._reconstruct", "numpy.core.multiarray.scalar",
            "numpy._core.multiarray.scalar", "numpy.core.numeric._frombuffer", "numpy._core.numeric._frombuffer",
            "numpy.ndarray", "numpy.dtype", "numpy.ma.core._mareconstruct", "numpy.ma.core.MaskedArray",
            "joblib.numpy_pickle.NumpyArrayWrapper", "sklearn.externals.joblib.numpy_pickle.NumpyArrayWrapper",
            "scipy.sparse._csr.csr_matrix", "scipy.sparse._csc.csc_matrix", "scipy.sparse._coo.coo_matrix",
            "scipy.sparse.csr.csr_matrix", "scipy.sparse.csc.csc_matrix", "scipy.sparse.coo.coo_matrix",
            "scipy.sparse._csr.csr_array", "scipy.sparse._csc.csc_array", "scipy.sparse._coo.coo_array",
            "transformers.training_args.TrainingArguments", "transformers.training_args.OptimizerNames",
            "transformers.trainer_utils.IntervalStrategy", "transformers.trainer_utils.SchedulerType",
            "transformers.trainer_utils.HubStrategy", "transformers.trainer_utils.SaveStrategy", "transformers.debug_utils.DebugOption",
            "accelerate.utils.dataclasses.DistributedType",
            // Path objects appear in training hyper-parameters; their methods (dotted names) stay denied with the module.
            "pathlib.Path", "pathlib.PosixPath", "pathlib.WindowsPath", "pathlib.PurePath", "pathlib.PurePosixPath", "pathlib.PureWindowsPath",
        };
        foreach (var b in new[] { "set", "frozenset", "dict", "list", "tuple", "int", "float", "complex", "bool", "str", "bytes", "bytearray", "slice", "range", "object" })
            allow.Add("builtins." + b);
        foreach (var s in new[] { "Float", "Double", "Half", "BFloat16", "Long", "Int", "Short", "Char", "Byte", "Bool", "ComplexFloat", "ComplexDouble", "QInt8", "QUInt8", "QInt32", "QUInt4x2", "QUInt2x4", "Untyped" })
            allow.Add($"torch.{s}Storage");
        foreach (var d in new[] { "float32", "float", "float64", "double", "float16", "half", "bfloat16", "uint8", "int8", "int16", "short", "int32", "int", "int64", "long", "bool", "complex32", "complex64", "complex128", "cfloat", "cdouble", "chalf", "qint8", "quint8", "qint32", "quint4x2", "quint2x4", "float8_e4m3fn", "float8_e5m2", "float8_e4m3fnuz", "float8_e5m2fnuz", "uint16", "uint32", "uint64" })
            allow.Add("torch." + d);
        foreach (var n in new[] { "bool_", "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64", "float16", "float32", "float64", "longdouble", "complex64", "complex128", "str_", "bytes_", "intc", "intp", "uintp", "object_", "void", "datetime64", "timedelta64" })
            allow.Add("numpy." + n);
        return allow;
    }
}
