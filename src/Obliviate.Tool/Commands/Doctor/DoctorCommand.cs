using System.CommandLine;
using System.Reflection;
using Obliviate.Engine.Runtime;

namespace Obliviate.Tool.Commands.Doctor;

/// <summary><c>doctor</c>: versions, device, threads, and whether a real tensor computation runs.</summary>
public static class DoctorCommand
{
    public static Command Create(ToolConsole console)
    {
        var device = CommonOptions.Device();
        var json = new Option<bool>("--json") { Description = "Write the report as JSON." };
        var command = new Command("doctor", "Check that the TorchSharp runtime loads and computes on this machine.\n\n" +
                                            "Example:\n  dotnet obliviate doctor --device cpu\n\n" +
                                            "Exit codes: 0 healthy, 2 not (with the reason).")
        {
            device, json,
        };
        command.SetAction(parse => Execute(parse.GetValue(device), parse.GetValue(json), console));
        return command;
    }

    public static int Execute(DeviceKind device, bool json, ToolConsole console)
    {
        var health = TorchRuntime.Probe(device);
        var toolVersion = ToolVersion();
        if (json)
        {
            console.Out.WriteLine(System.Text.Json.JsonSerializer.Serialize(new { tool = toolVersion, torch = health },
                ToolJson.Options));
        }
        else
        {
            console.Out.WriteLine($"obliviate     {toolVersion}");
            console.Out.WriteLine($"torchsharp    {health.TorchSharpVersion}");
            console.Out.WriteLine($"libtorch      {health.LibTorchPackage} {health.LibTorchVersion} (backend {health.Backend})");
            console.Out.WriteLine($"device        {health.Device} (cuda available: {(health.CudaAvailable ? "yes" : "no")})");
            console.Out.WriteLine($"threads       {health.Threads} (cores: {Environment.ProcessorCount})");
            console.Out.WriteLine($"tensor check  {(health.Healthy ? "ok" : "FAILED")}");
        }
        if (health.Healthy) return ExitCodes.Ok;
        console.Error.WriteLine($"error: {health.Problem}");
        return ExitCodes.Error;
    }

    internal static string ToolVersion() =>
        typeof(DoctorCommand).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? "unknown";
}
