namespace Obliviate.MSBuild.Tasks;

/// <summary>How to start the installed tool: an executable and the arguments that come before the command's own.</summary>
internal sealed class ToolCommand(string executable, string prefix, string description)
{
    public string Executable { get; } = executable;

    /// <summary>"obliviate" when the dotnet host runs a local tool (<c>dotnet obliviate probe …</c>), else empty.</summary>
    public string Prefix { get; } = prefix;

    /// <summary>For the log: where the tool was found.</summary>
    public string Description { get; } = description;
}
