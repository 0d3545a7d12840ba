using Obliviate.Engine.Runtime;
using TorchSharp;

namespace Obliviate.Engine.Tests.Runtime;

/// <summary>A real tensor operation, so a native-loading regression (e.g. the GLIBCXX fix) fails loudly.</summary>
public sealed class TorchRuntimeTests
{
    [Fact]
    public void A_real_matrix_product_runs_on_the_cpu()
    {
        using var scope = torch.NewDisposeScope();
        var a = torch.arange(6, dtype: torch.float32).reshape(2, 3);
        var product = a.matmul(a.t());
        Assert.Equal(new float[] { 5, 14, 14, 50 }, product.data<float>().ToArray());
    }

    [Fact]
    public void Probe_is_healthy_and_uses_every_core()
    {
        var health = TorchRuntime.Probe(DeviceKind.Cpu);
        Assert.True(health.Healthy, health.Problem);
        Assert.Equal("cpu", health.Device);
        Assert.Equal(Environment.ProcessorCount, health.Threads);
        Assert.Equal("0.107.0", health.TorchSharpVersion);
        Assert.Equal("libtorch-cpu-linux-x64", health.LibTorchPackage);
    }

    [SkippableFact]
    public void Asking_for_cuda_without_it_is_a_clear_error()
    {
        Skip.If(torch.cuda.is_available(), "this machine has CUDA");
        var e = Assert.Throws<DeviceUnavailableException>(() => TorchRuntime.ResolveDevice(DeviceKind.Cuda));
        Assert.Contains("--device cpu", e.Message);
        Assert.Equal(DeviceType.CPU, TorchRuntime.ResolveDevice(DeviceKind.Auto).type);
    }
}
