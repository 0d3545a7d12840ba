using System.Reflection;
using System.Runtime.InteropServices;
using TorchSharp;

namespace Obliviate.Engine.Runtime;

/// <summary>
/// Loads and configures the TorchSharp runtime: thread count, device selection and a health probe.
/// The only place that turns a native-loading failure into a message a user can act on.
/// </summary>
public static class TorchRuntime
{
    /// <summary>Uses one intra-op thread per core (TorchSharp otherwise may pick fewer) and one inter-op thread.</summary>
    public static int ConfigureThreads(int? threads = null)
    {
        var n = threads is > 0 ? threads.Value : Environment.ProcessorCount;
        if (torch.get_num_threads() != n) torch.set_num_threads(n);
        return torch.get_num_threads();
    }

    /// <summary>Resolves a requested device to a concrete one; asking for CUDA where there is none is an error.</summary>
    public static torch.Device ResolveDevice(DeviceKind requested) => requested switch
    {
        DeviceKind.Cpu => torch.CPU,
        DeviceKind.Cuda when torch.cuda.is_available() => torch.CUDA,
        DeviceKind.Cuda => throw new DeviceUnavailableException(
            "CUDA was requested but is not available: this build carries the " + LibTorchPackage +
            " natives or no GPU/driver is visible. Build with -p:TorchBackend=cuda on a GPU runner, or use --device cpu."),
        _ => torch.cuda.is_available() ? torch.CUDA : torch.CPU,
    };

    /// <summary>The libtorch native package this build references (set from MSBuild, see build/TorchNative.props).</summary>
    public static string LibTorchPackage => Metadata("LibTorchPackage") ?? "unknown";

    /// <summary>Runs a small real computation on the resolved device and reports versions and configuration.</summary>
    public static TorchHealth Probe(DeviceKind requested = DeviceKind.Auto, int? threads = null)
    {
        var torchSharpVersion = typeof(torch).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()
            ?.InformationalVersion.Split('+')[0] ?? "unknown";
        var backend = Metadata("TorchBackend") ?? "unknown";
        var libTorchVersion = Metadata("LibTorchVersion") ?? "unknown";
        var health = new TorchHealth
        {
            TorchSharpVersion = torchSharpVersion,
            LibTorchPackage = LibTorchPackage,
            LibTorchVersion = libTorchVersion,
            Backend = backend,
            Device = "none",
            CudaAvailable = false,
            Threads = 0,
            Healthy = false,
        };
        try
        {
            var n = ConfigureThreads(threads);
            var cuda = torch.cuda.is_available();
            var device = ResolveDevice(requested);
            using var scope = torch.NewDisposeScope();
            // [[1,2],[3,4]] @ [[1,2],[3,4]] = [[7,10],[15,22]], sum 54: a real BLAS call, not just an allocation.
            var a = torch.tensor(new float[] { 1, 2, 3, 4 }, new long[] { 2, 2 }, device: device);
            var sum = a.matmul(a).sum().cpu().item<float>();
            var ok = Math.Abs(sum - 54f) < 1e-4f;
            return health with
            {
                Device = device.type.ToString().ToLowerInvariant(),
                CudaAvailable = cuda,
                Threads = n,
                Healthy = ok,
                Problem = ok ? null : $"a 2x2 matrix product gave {sum}, expected 54: the native library computes wrong results.",
            };
        }
        catch (Exception e) when (e is TypeInitializationException or DllNotFoundException or EntryPointNotFoundException
                                      or InvalidOperationException or DeviceUnavailableException or NotSupportedException or ExternalException)
        {
            return health with { Problem = Explain(e) };
        }
    }

    private static string Explain(Exception e)
    {
        var innermost = e;
        while (innermost.InnerException is not null) innermost = innermost.InnerException;
        var message = innermost.Message;
        if (e is TypeInitializationException || e is DllNotFoundException)
        {
            return "TorchSharp's native library failed to load: " + message + " On glibc hosts whose libstdc++ lacks " +
                   "GLIBCXX_3.4.32 (Debian 12), libLibTorchSharp.so must be patched by the build (build/TorchNativeFix.targets); " +
                   "run 'ldd' on it to see the real cause, and rebuild or reinstall the tool.";
        }
        return message;
    }

    private static string? Metadata(string key) => typeof(TorchRuntime).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .FirstOrDefault(a => a.Key == key)?.Value;
}
