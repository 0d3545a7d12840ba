using Obliviate.Formats.SafeTensors;
using TorchSharp;
using static TorchSharp.torch;

namespace Obliviate.Engine.Training;

/// <summary>Conversions between tensors and the safetensors reader/writer's plain arrays (F32, bit-exact).</summary>
public static class TensorBytes
{
    public static SafeTensorsTensor ToSafeTensor(string name, Tensor tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        using var cpu = tensor.detach().to(ScalarType.Float32).cpu().contiguous();
        return SafeTensorsTensor.FromFloat32(name, [.. cpu.shape], cpu.data<float>().ToArray());
    }

    /// <summary>Copies <paramref name="values"/> into <paramref name="target"/> without recording gradient history.</summary>
    public static void CopyInto(Tensor target, float[] values, string what)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(values);
        if (values.LongLength != target.numel())
            throw new InvalidDataException($"{what} has {values.LongLength} values, expected {target.numel()} ([{string.Join(",", target.shape)}]).");
        using var noGrad = torch.no_grad();
        using var source = torch.tensor(values, target.shape).to(target.device);
        target.copy_(source);
    }
}
