namespace Obliviate.Scanner.Policy;

/// <summary>
/// What legitimate ML checkpoints import, each entry exact (module + attribute path as a pickle records it after
/// resolution), with how it is used and why it is safe. Anything called that is not here is dangerous (default-deny);
/// anything only referenced that is not here is suspicious. Measured against real files written by torch.save,
/// joblib.dump, numpy.save and pickle.dump (bench/scan/make_benign_corpus.py) and torch's own weights_only allowlist
/// (torch/_weights_only_unpickler.py).
/// </summary>
internal static class PickleAllowlist
{
    private const string Container = "builds a plain Python container or value from its arguments";
    private const string Rebuild = "torch's tensor/storage rebuilder: allocates a tensor over a storage loaded by persistent id";
    private const string NumpyRebuild = "numpy's array/scalar reconstruction from dtype, shape and raw bytes";
    private const string Value = "a constant (dtype, layout, device kind or class) passed as a value";
    private const string DataClass = "a data class whose constructor and __setstate__ only store fields";

    public static IReadOnlyDictionary<string, PickleAllowEntry> Build()
    {
        var t = new Dictionary<string, PickleAllowEntry>(StringComparer.Ordinal);

        // Python containers and scalars: protocol 0-2 pickles spell sets, bytes and subclasses of builtins as REDUCE calls.
        foreach (var b in new[] { "set", "frozenset", "dict", "list", "tuple", "int", "float", "complex", "bool", "str", "bytes", "bytearray", "slice", "range", "object" })
            Call(t, "builtins." + b, Container);
        // Python 3 pickles bytes for protocols < 3 as _codecs.encode(text, "latin1") (Lib/pickle.py save_bytes).
        Call(t, "_codecs.encode", "encodes a str constant to bytes (how protocols < 3 spell bytes)");
        // copyreg's reconstructors (Lib/copyreg.py) instantiate the class they are given: _reconstructor(cls, base, state)
        // calls base.__new__(cls, state) and base.__init__, __newobj__(cls, *args) calls cls.__new__. Those arguments are
        // graded as calls in turn, so a hostile class behind an allowed reconstructor is still caught.
        Call(t, "copyreg._reconstructor", "instantiates its class arguments, which are graded as calls", 0, 1);
        Call(t, "copyreg.__newobj__", "instantiates its class argument, which is graded as a call", 0);
        Call(t, "copyreg.__newobj_ex__", "instantiates its class argument, which is graded as a call", 0);
        // collections: state dicts are OrderedDicts; defaultdict stores its factory (called only on a later missing key,
        // never while loading, and imported separately where it is graded).
        foreach (var c in new[] { "OrderedDict", "defaultdict", "deque", "Counter" }) Call(t, "collections." + c, Container);
        // datetime values appear in training metadata; their constructors parse a byte string.
        foreach (var d in new[] { "date", "datetime", "time", "timedelta", "timezone" }) Call(t, "datetime." + d, DataClass);

        AddTorch(t);
        AddNumpy(t);
        AddSciPyAndJoblib(t);
        AddSklearn(t);

        // Hugging Face training_args.bin: TrainingArguments is a dataclass, the others are enums (constructed by value).
        foreach (var n in new[] { "transformers.training_args.TrainingArguments", "transformers.training_args.OptimizerNames",
            "transformers.trainer_utils.IntervalStrategy", "transformers.trainer_utils.SchedulerType", "transformers.trainer_utils.HubStrategy",
            "transformers.trainer_utils.SaveStrategy", "transformers.debug_utils.DebugOption", "accelerate.utils.dataclasses.DistributedType" })
            Call(t, n, DataClass);
        // Path objects appear in training hyper-parameters; constructing one touches no file. Their methods (dotted
        // names such as pathlib.Path.write_text) are not here and stay denied with the pathlib module.
        foreach (var p in new[] { "Path", "PosixPath", "WindowsPath", "PurePath", "PurePosixPath", "PureWindowsPath" })
            Call(t, "pathlib." + p, "a path value; constructing it does no I/O");
        return t;
    }

    private static void AddTorch(Dictionary<string, PickleAllowEntry> t)
    {
        // torch/_utils.py rebuilders: their arguments are storages, sizes, strides, flags and hook dicts.
        foreach (var r in new[] { "_rebuild_tensor", "_rebuild_tensor_v2", "_rebuild_tensor_v3", "_rebuild_parameter",
            "_rebuild_parameter_with_state", "_rebuild_sparse_tensor", "_rebuild_sparse_csr_tensor", "_rebuild_qtensor",
            "_rebuild_device_tensor_from_numpy", "_rebuild_meta_tensor_no_storage", "_rebuild_nested_tensor", "_rebuild_xla_tensor" })
            Call(t, "torch._utils." + r, Rebuild);
        // _rebuild_wrapper_subclass(cls, ...) makes an instance of cls; _rebuild_from_type(_v2)(func, type, args, state)
        // calls func(*args) and converts to type (torch/_tensor.py): func and the type are graded as calls.
        Call(t, "torch._utils._rebuild_wrapper_subclass", "instantiates its tensor-subclass argument, which is graded as a call", 0);
        Call(t, "torch._tensor._rebuild_from_type", "calls its function argument and converts to its type argument; both are graded as calls", 0, 1);
        Call(t, "torch._tensor._rebuild_from_type_v2", "calls its function argument and converts to its type argument; both are graded as calls", 0, 1);
        // Values: torch.Size/device are constructed from tuples and strings; Tensor/Parameter classes are instantiated by
        // the rebuilders above; _get_layout looks a layout up by name in a fixed table (torch/serialization.py).
        foreach (var n in new[] { "torch.Size", "torch.device", "torch.Tensor", "torch.nn.parameter.Parameter", "torch.nn.parameter.Buffer",
            "torch.nn.parameter.UninitializedParameter", "torch.nn.parameter.UninitializedBuffer" })
            Call(t, n, DataClass);
        Call(t, "torch.serialization._get_layout", "returns a layout constant by name from a fixed table");
        // Storage classes and dtypes travel inside persistent ids and rebuilder arguments; they are never called while loading
        // (calling a storage class with an attacker's size would allocate memory, so a call is not allowed).
        foreach (var s in new[] { "Float", "Double", "Half", "BFloat16", "Long", "Int", "Short", "Char", "Byte", "Bool", "ComplexFloat",
            "ComplexDouble", "QInt8", "QUInt8", "QInt32", "QUInt4x2", "QUInt2x4", "Untyped" })
            Reference(t, $"torch.{s}Storage", Value);
        Reference(t, "torch.storage.TypedStorage", Value);
        Reference(t, "torch.storage.UntypedStorage", Value);
        Reference(t, "torch.dtype", Value);
        foreach (var d in new[] { "float32", "float", "float64", "double", "float16", "half", "bfloat16", "uint8", "int8", "int16", "short",
            "int32", "int", "int64", "long", "bool", "complex32", "complex64", "complex128", "cfloat", "cdouble", "chalf", "qint8", "quint8",
            "qint32", "quint4x2", "quint2x4", "float8_e4m3fn", "float8_e5m2", "float8_e4m3fnuz", "float8_e5m2fnuz", "uint16", "uint32", "uint64",
            "strided", "sparse_coo", "sparse_csr", "sparse_csc", "sparse_bsr", "sparse_bsc", "_mkldnn", "per_tensor_affine", "per_channel_affine",
            "per_tensor_symmetric", "per_channel_symmetric", "per_channel_affine_float_qparams", "contiguous_format", "channels_last",
            "channels_last_3d", "preserve_format" })
            Reference(t, "torch." + d, Value);
        // Whole-model pickles keep activation functions as attributes (TransformerEncoderLayer.activation): referenced,
        // called only by forward().
        foreach (var f in new[] { "relu", "gelu", "silu", "tanh", "sigmoid", "softmax", "log_softmax", "elu", "leaky_relu", "mish" })
            Reference(t, "torch.nn.functional." + f, "an activation function stored as a module attribute, called only in forward()");
        foreach (var f in new[] { "gelu", "silu", "elu", "leaky_relu", "mish", "hardtanh", "softplus" })
            Reference(t, "torch._C._nn." + f, "an activation function stored as a module attribute, called only in forward()");
        foreach (var (module, classes) in TorchModuleClasses.ByModule)
        {
            foreach (var c in classes) Call(t, $"{module}.{c}", "a stock torch.nn module class (see TorchModuleClasses)");
        }
    }

    private static void AddNumpy(Dictionary<string, PickleAllowEntry> t)
    {
        // numpy 1.x spells its modules numpy.core.*, numpy 2.x numpy._core.*; both load the same functions.
        foreach (var core in new[] { "numpy.core", "numpy._core" })
        {
            // _reconstruct(subtype, shape, dtype) allocates an instance of subtype (numpy/core/src/multiarray): graded as a call.
            Call(t, core + ".multiarray._reconstruct", NumpyRebuild + "; its array subclass argument is graded as a call", 0);
            Call(t, core + ".multiarray.scalar", NumpyRebuild);
            Call(t, core + ".numeric._frombuffer", NumpyRebuild);
        }
        Call(t, "numpy.ndarray", "instantiated by _reconstruct");
        Call(t, "numpy.dtype", "dtype constructed from its type code");
        // Masked arrays: _mareconstruct(subtype, baseclass, baseshape, basetype) instantiates both classes.
        Call(t, "numpy.ma.core._mareconstruct", NumpyRebuild + "; its class arguments are graded as calls", 0, 1);
        Call(t, "numpy.ma.core.MaskedArray", "instantiated by _mareconstruct");
        // Random state (numpy/random/_pickle.py), present in fitted scikit-learn models: __randomstate_ctor and
        // __generator_ctor(name, ctor) call ctor(name); __bit_generator_ctor looks a bit generator up by name in a fixed
        // table (numpy 2 also accepts the class itself and instantiates it). Arguments that are globals are graded as calls.
        Call(t, "numpy.random._pickle.__randomstate_ctor", "rebuilds a legacy RandomState; its constructor argument is graded as a call", 1);
        Call(t, "numpy.random._pickle.__generator_ctor", "rebuilds a Generator; its constructor argument is graded as a call", 1);
        Call(t, "numpy.random._pickle.__bit_generator_ctor", "makes a bit generator named from a fixed table", 0);
        Call(t, "numpy.random.__RandomState_ctor", "numpy < 1.17's RandomState rebuilder (fixed seed, state set by BUILD)");
        foreach (var (module, cls) in new[] { ("_mt19937", "MT19937"), ("_pcg64", "PCG64"), ("_pcg64", "PCG64DXSM"), ("_philox", "Philox"), ("_sfc64", "SFC64") })
            Call(t, $"numpy.random.{module}.{cls}", "a bit generator; its state is restored by BUILD");
        // Scalar types and numpy 2's dtype classes are passed as dtype= values and constructed from constants.
        foreach (var n in new[] { "bool_", "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64", "float16", "float32",
            "float64", "longdouble", "complex64", "complex128", "str_", "bytes_", "intc", "intp", "uintp", "object_", "void", "datetime64",
            "timedelta64" })
            Call(t, "numpy." + n, "a numpy scalar type, constructed from a constant");
        foreach (var n in new[] { "BoolDType", "Int8DType", "Int16DType", "Int32DType", "Int64DType", "UInt8DType", "UInt16DType", "UInt32DType",
            "UInt64DType", "Float16DType", "Float32DType", "Float64DType", "LongDoubleDType", "Complex64DType", "Complex128DType", "StrDType",
            "BytesDType", "ObjectDType", "VoidDType", "DateTime64DType", "TimeDelta64DType" })
            Call(t, "numpy.dtypes." + n, "numpy 2's dtype class, constructed from a constant");
    }

    private static void AddSciPyAndJoblib(Dictionary<string, PickleAllowEntry> t)
    {
        // scipy.sparse matrices in fitted text models (TfidfVectorizer output, one-hot encoders): data classes whose
        // state is arrays. scipy < 1.8 defined them in scipy.sparse.csr etc., later in scipy.sparse._csr.
        foreach (var kind in new[] { "csr", "csc", "coo", "bsr", "dia", "dok", "lil" })
        {
            foreach (var module in new[] { $"scipy.sparse._{kind}", $"scipy.sparse.{kind}" })
            {
                Call(t, $"{module}.{kind}_matrix", "a scipy sparse matrix; its state is arrays");
                Call(t, $"{module}.{kind}_array", "a scipy sparse array; its state is arrays");
            }
        }
        // joblib writes each array as a NumpyArrayWrapper followed by the raw data (joblib/numpy_pickle.py); the wrapper is
        // a data class and the raw bytes are skipped by the walker.
        Call(t, "joblib.numpy_pickle.NumpyArrayWrapper", DataClass);
        Call(t, "sklearn.externals.joblib.numpy_pickle.NumpyArrayWrapper", DataClass);
    }

    private static void AddSklearn(Dictionary<string, PickleAllowEntry> t)
    {
        foreach (var (module, classes) in SklearnClasses.Estimators)
        {
            foreach (var c in classes) Call(t, $"{module}.{c}", "a scikit-learn estimator class (see SklearnClasses)");
        }
        foreach (var (name, called) in SklearnClasses.FittedState)
            Call(t, name, "fitted state of a scikit-learn estimator (see SklearnClasses)", called);
    }

    private static void Call(Dictionary<string, PickleAllowEntry> t, string name, string why, params int[] calledArguments) =>
        t.Add(name, new PickleAllowEntry(PickleUse.Call, calledArguments, why));

    private static void Reference(Dictionary<string, PickleAllowEntry> t, string name, string why) =>
        t.Add(name, new PickleAllowEntry(PickleUse.Reference, [], why));
}
