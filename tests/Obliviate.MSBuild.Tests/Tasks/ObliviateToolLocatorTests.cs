extern alias tasks;
using Obliviate.Tests;
using tasks::Obliviate.MSBuild.Tasks;

namespace Obliviate.MSBuild.Tests.Tasks;

public sealed class ObliviateToolLocatorTests
{
    private static Func<string, string?> Env(params (string Name, string Value)[] values) =>
        name => values.FirstOrDefault(v => v.Name == name).Value;

    [Fact]
    public void An_explicit_tool_path_is_used_only_when_it_exists()
    {
        using var dir = new TempFolder();
        var tool = dir.Write("bin/my-obliviate", "#!/bin/sh\n");
        Assert.Equal((tool, ""), Found(ObliviateToolLocator.Find(tool, dir.Path, "/usr/bin/dotnet", Env())));
        Assert.Null(ObliviateToolLocator.Find(dir["bin/absent"], dir.Path, "/usr/bin/dotnet", Env()));
    }

    [Fact]
    public void A_local_tool_manifest_above_the_project_runs_through_dotnet()
    {
        using var dir = new TempFolder();
        dir.Write(".config/dotnet-tools.json", """{"version":1,"isRoot":true,"tools":{"obliviate.tool":{"version":"0.1.0","commands":["dotnet-obliviate"]}}}""");
        Directory.CreateDirectory(dir["src/App"]);
        Assert.Equal(("/usr/bin/dotnet", "obliviate"), Found(ObliviateToolLocator.Find("", dir["src/App"], "/usr/bin/dotnet", Env())));
    }

    [Fact]
    public void A_global_tool_is_found_on_path_or_in_the_dotnet_tools_folder()
    {
        using var dir = new TempFolder();
        var name = OperatingSystem.IsWindows() ? "dotnet-obliviate.exe" : "dotnet-obliviate";
        var onPath = dir.Write("path/" + name, "");
        var inHome = dir.Write("home/.dotnet/tools/" + name, "");
        Assert.Equal(onPath, ObliviateToolLocator.Find("", dir["project"], null, Env(("PATH", dir["path"])))?.Executable);
        Assert.Equal(inHome, ObliviateToolLocator.Find("", dir["project"], null, Env(("PATH", dir["nowhere"]), ("HOME", dir["home"])))?.Executable);
        Assert.Null(ObliviateToolLocator.Find("", dir["project"], null, Env(("PATH", dir["nowhere"]), ("HOME", dir["nowhere"]))));
    }

    private static (string, string) Found(ToolCommand? command)
    {
        Assert.NotNull(command);
        return (command.Executable, command.Prefix);
    }
}
