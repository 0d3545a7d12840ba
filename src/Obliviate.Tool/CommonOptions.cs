using System.CommandLine;
using Obliviate.Engine.Runtime;

namespace Obliviate.Tool;

/// <summary>Options shared by several commands, declared once so their names and help text agree.</summary>
public static class CommonOptions
{
    public static Option<DeviceKind> Device() => new("--device")
    {
        Description = "Where tensors live: auto (CUDA when available), cpu or cuda.",
        HelpName = "auto|cpu|cuda",
        DefaultValueFactory = _ => DeviceKind.Auto,
        CustomParser = result =>
        {
            var token = result.Tokens.Count > 0 ? result.Tokens[0].Value : "auto";
            switch (token.ToLowerInvariant())
            {
                case "auto": return DeviceKind.Auto;
                case "cpu": return DeviceKind.Cpu;
                case "cuda": return DeviceKind.Cuda;
                default:
                    result.AddError($"--device must be auto, cpu or cuda (got '{token}').");
                    return DeviceKind.Auto;
            }
        },
    };
}
