using System.Collections.Frozen;

namespace Obliviate.Formats.Pickle;

/// <summary>
/// The Python 2 → 3 renames CPython's unpickler applies in <c>find_class</c> when the stream's protocol is below 3
/// (Lib/pickle.py <c>Unpickler.find_class</c> with the default <c>fix_imports=True</c>; tables copied from
/// Lib/_compat_pickle.py, CPython 3.11): NAME_MAPPING is tried first, then IMPORT_MAPPING for the module alone.
/// A scanner must apply them too, or <c>__builtin__\neval</c> and <c>commands\ngetoutput</c> read as unknown modules.
/// </summary>
public static class PickleCompat
{
    /// <summary>CPython applies the renames only below this protocol.</summary>
    public const int FixImportsBelowProtocol = 3;

    private static readonly FrozenDictionary<string, string> ImportMapping = new Dictionary<string, string>
    {
        ["__builtin__"] = "builtins", ["copy_reg"] = "copyreg", ["Queue"] = "queue", ["SocketServer"] = "socketserver",
        ["ConfigParser"] = "configparser", ["repr"] = "reprlib", ["tkFileDialog"] = "tkinter.filedialog",
        ["tkSimpleDialog"] = "tkinter.simpledialog", ["tkColorChooser"] = "tkinter.colorchooser",
        ["tkCommonDialog"] = "tkinter.commondialog", ["Dialog"] = "tkinter.dialog", ["Tkdnd"] = "tkinter.dnd",
        ["tkFont"] = "tkinter.font", ["tkMessageBox"] = "tkinter.messagebox", ["ScrolledText"] = "tkinter.scrolledtext",
        ["Tkconstants"] = "tkinter.constants", ["Tix"] = "tkinter.tix", ["ttk"] = "tkinter.ttk", ["Tkinter"] = "tkinter",
        ["markupbase"] = "_markupbase", ["_winreg"] = "winreg", ["thread"] = "_thread", ["dummy_thread"] = "_dummy_thread",
        ["dbhash"] = "dbm.bsd", ["dumbdbm"] = "dbm.dumb", ["dbm"] = "dbm.ndbm", ["gdbm"] = "dbm.gnu",
        ["xmlrpclib"] = "xmlrpc.client", ["SimpleXMLRPCServer"] = "xmlrpc.server", ["httplib"] = "http.client",
        ["htmlentitydefs"] = "html.entities", ["HTMLParser"] = "html.parser", ["Cookie"] = "http.cookies",
        ["cookielib"] = "http.cookiejar", ["BaseHTTPServer"] = "http.server", ["test.test_support"] = "test.support",
        ["commands"] = "subprocess", ["urlparse"] = "urllib.parse", ["robotparser"] = "urllib.robotparser",
        ["urllib2"] = "urllib.request", ["anydbm"] = "dbm", ["_abcoll"] = "collections.abc",
        // Non-mutual mappings (load only).
        ["cPickle"] = "pickle", ["_elementtree"] = "xml.etree.ElementTree", ["FileDialog"] = "tkinter.filedialog",
        ["SimpleDialog"] = "tkinter.simpledialog", ["DocXMLRPCServer"] = "xmlrpc.server", ["SimpleHTTPServer"] = "http.server",
        ["CGIHTTPServer"] = "http.server", ["UserDict"] = "collections", ["UserList"] = "collections",
        ["UserString"] = "collections", ["whichdb"] = "dbm", ["StringIO"] = "io", ["cStringIO"] = "io",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    // Declared before NameMapping: static initializers run in textual order.
    private static readonly string[] Python2Exceptions =
    [
        "ArithmeticError", "AssertionError", "AttributeError", "BaseException", "BufferError", "BytesWarning",
        "DeprecationWarning", "EOFError", "EnvironmentError", "Exception", "FloatingPointError", "FutureWarning",
        "GeneratorExit", "IOError", "ImportError", "ImportWarning", "IndentationError", "IndexError", "KeyError",
        "KeyboardInterrupt", "LookupError", "MemoryError", "NameError", "NotImplementedError", "OSError", "OverflowError",
        "PendingDeprecationWarning", "ReferenceError", "RuntimeError", "RuntimeWarning", "StopIteration", "SyntaxError",
        "SyntaxWarning", "SystemError", "SystemExit", "TabError", "TypeError", "UnboundLocalError", "UnicodeDecodeError",
        "UnicodeEncodeError", "UnicodeError", "UnicodeTranslateError", "UnicodeWarning", "UserWarning", "ValueError",
        "Warning", "ZeroDivisionError",
    ];

    private static readonly FrozenDictionary<(string, string), (string, string)> NameMapping = BuildNameMapping();

    /// <summary>
    /// The (module, name) <c>find_class</c> imports for <paramref name="module"/>/<paramref name="name"/> read under
    /// <paramref name="protocol"/>; unchanged at protocol 3 and above.
    /// </summary>
    public static (string Module, string Name) Map(string module, string name, int protocol)
    {
        ArgumentNullException.ThrowIfNull(module);
        ArgumentNullException.ThrowIfNull(name);
        if (protocol >= FixImportsBelowProtocol) return (module, name);
        if (NameMapping.TryGetValue((module, name), out var renamed)) return renamed;
        return ImportMapping.TryGetValue(module, out var m) ? (m, name) : (module, name);
    }

    private static FrozenDictionary<(string, string), (string, string)> BuildNameMapping()
    {
        var map = new Dictionary<(string, string), (string, string)>
        {
            [("__builtin__", "xrange")] = ("builtins", "range"), [("__builtin__", "reduce")] = ("functools", "reduce"),
            [("__builtin__", "intern")] = ("sys", "intern"), [("__builtin__", "unichr")] = ("builtins", "chr"),
            [("__builtin__", "unicode")] = ("builtins", "str"), [("__builtin__", "long")] = ("builtins", "int"),
            [("__builtin__", "basestring")] = ("builtins", "str"),
            [("itertools", "izip")] = ("builtins", "zip"), [("itertools", "imap")] = ("builtins", "map"),
            [("itertools", "ifilter")] = ("builtins", "filter"), [("itertools", "ifilterfalse")] = ("itertools", "filterfalse"),
            [("itertools", "izip_longest")] = ("itertools", "zip_longest"),
            [("UserDict", "IterableUserDict")] = ("collections", "UserDict"), [("UserDict", "UserDict")] = ("collections", "UserDict"),
            [("UserList", "UserList")] = ("collections", "UserList"), [("UserString", "UserString")] = ("collections", "UserString"),
            [("whichdb", "whichdb")] = ("dbm", "whichdb"), [("_socket", "fromfd")] = ("socket", "fromfd"),
            [("socket", "_socketobject")] = ("socket", "SocketType"),
            [("_multiprocessing", "Connection")] = ("multiprocessing.connection", "Connection"),
            [("multiprocessing.process", "Process")] = ("multiprocessing.context", "Process"),
            [("multiprocessing.forking", "Popen")] = ("multiprocessing.popen_fork", "Popen"),
            [("urllib2", "HTTPError")] = ("urllib.error", "HTTPError"), [("urllib2", "URLError")] = ("urllib.error", "URLError"),
            [("exceptions", "StandardError")] = ("builtins", "Exception"),
        };
        foreach (var n in new[] { "ContentTooShortError" }) map[("urllib", n)] = ("urllib.error", n);
        foreach (var n in new[] { "getproxies", "pathname2url", "url2pathname", "urlcleanup", "urlopen", "urlretrieve" })
            map[("urllib", n)] = ("urllib.request", n);
        foreach (var n in new[] { "quote_plus", "quote", "unquote_plus", "unquote", "urlencode" }) map[("urllib", n)] = ("urllib.parse", n);
        foreach (var n in Python2Exceptions) map[("exceptions", n)] = ("builtins", n);
        foreach (var n in new[] { "AuthenticationError", "BufferTooShort", "ProcessError", "TimeoutError" })
            map[("multiprocessing", n)] = ("multiprocessing.context", n);
        return map.ToFrozenDictionary();
    }
}
