using Obliviate.Tests;

namespace Obliviate.MSBuild.Tests.Consumer;

/// <summary>
/// A sample consumer: a class library in a temporary folder (outside the repository, so none of its Directory.Build files
/// apply) that references Obliviate.MSBuild from the local feed and ships everything under models/ to its output.
/// </summary>
internal sealed class ConsumerProject : IDisposable
{
    private readonly TempFolder _dir = new("obliviate-consumer");
    private readonly PackageFeed _feed;

    public ConsumerProject(PackageFeed feed)
    {
        _feed = feed;
        _dir.Write("nuget.config", $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="obliviate-test-feed" value="{feed.Feed}" />
              </packageSources>
              <config>
                <add key="globalPackagesFolder" value="{feed.Packages}" />
              </config>
            </configuration>
            """);
        Configure("");
    }

    public string Path => _dir.Path;

    public string this[string relative] => _dir[relative];

    public string Write(string relative, byte[] data) => _dir.Write(relative, data);

    public string Write(string relative, string text) => _dir.Write(relative, text);

    /// <summary>Writes App.csproj with <paramref name="properties"/> (MSBuild property elements) in its property group.</summary>
    public void Configure(string properties) => _dir.Write("App.csproj", $"""
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
            <TargetFramework>net10.0</TargetFramework>
            {properties}
          </PropertyGroup>
          <ItemGroup>
            <PackageReference Include="Obliviate.MSBuild" Version="{_feed.Version}" />
            <None Include="models/**" CopyToOutputDirectory="PreserveNewest" />
          </ItemGroup>
        </Project>
        """);

    /// <summary><c>dotnet build</c> at normal verbosity (it logs skipped targets) with extra arguments.</summary>
    public (int ExitCode, string Output) Build(params string[] args) => Run("build", args);

    /// <summary><c>dotnet &lt;verb&gt;</c> (build, pack, publish) of the project at normal verbosity.</summary>
    public (int ExitCode, string Output) Run(string verb, params string[] args) =>
        DotNetCli.Run([verb, _dir["App.csproj"], "-nologo", "-tl:off", "-v:n", "-nodeReuse:false", .. args], _dir.Path,
            new Dictionary<string, string> { ["NUGET_PACKAGES"] = _feed.Packages }, TimeSpan.FromMinutes(5));

    public void Dispose() => _dir.Dispose();
}
