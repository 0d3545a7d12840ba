using TorchSharp;

namespace Obliviate.Engine.Runtime;

/// <summary>
/// The torch configuration of one run, set once at its start: the intra-op thread count (one per core) and the device the
/// request asked for. Models and loops take the device from here instead of configuring torch again.
/// </summary>
public sealed record TorchSession(torch.Device Device, int Threads)
{
    /// <exception cref="DeviceUnavailableException">CUDA was asked for and is not available.</exception>
    public static TorchSession Start(DeviceKind requested, int? threads = null)
    {
        var n = TorchRuntime.ConfigureThreads(threads);
        return new TorchSession(TorchRuntime.ResolveDevice(requested), n);
    }

    /// <summary>cpu or cuda, as reports record it.</summary>
    public string DeviceName => Device.type.ToString().ToLowerInvariant();
}
