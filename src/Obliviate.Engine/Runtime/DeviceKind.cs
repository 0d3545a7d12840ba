namespace Obliviate.Engine.Runtime;

/// <summary>The device a user asks for; <see cref="Auto"/> picks CUDA when it is available, else the CPU.</summary>
public enum DeviceKind
{
    Auto,
    Cpu,
    Cuda,
}
