using Obliviate.Engine.Models.Embedded;
using Obliviate.Engine.Models.Repository;

namespace Obliviate.Engine.Tests.Models.Embedded;

public sealed class EmbeddedModelStoreTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("obliviate-store-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void DefaultCacheDirectory_FollowsXdgCacheHome()
    {
        // Read-only check of the rule: an absolute XDG_CACHE_HOME wins, else ~/.cache.
        var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        var expectedRoot = !string.IsNullOrWhiteSpace(xdg) && Path.IsPathRooted(xdg)
            ? xdg
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
        Assert.Equal(Path.Combine(expectedRoot, "obliviate", "models"), EmbeddedModelStore.DefaultCacheDirectory());
        Assert.Equal(Path.Combine(_dir, "arctic-xs"), EmbeddedModelStore.ModelDirectory(EmbeddedModels.ArcticXs, _dir));
    }

    [Fact]
    public void Materialize_ModifiedPackageDll_IsRefusedAndNothingIsWritten()
    {
        var model = EmbeddedModels.MiniLM;
        var root = Path.Combine(_dir, "packages");
        var folder = Path.Combine(root, model.PackageId.ToLowerInvariant(), model.PackageVersion);
        Directory.CreateDirectory(Path.Combine(folder, Path.GetDirectoryName(model.AssemblyPath)!));
        File.WriteAllText(Path.Combine(folder, model.AssemblyPath), "a tampered assembly");
        var options = new EmbeddedPackageOptions { PackageRoots = [root], AllowDownload = false };
        var cache = Path.Combine(_dir, "cache");

        var e = Assert.Throws<InvalidDataException>(() => EmbeddedModelStore.Materialize(model, cache, options));
        Assert.Contains("is not the pinned", e.Message);
        Assert.False(EmbeddedModelStore.IsMaterialized(model, cache));
        Assert.False(Directory.Exists(Path.Combine(cache, "minilm")));

        var viaRepository = Assert.Throws<ModelRepositoryException>(() => ModelRepository.Resolve("minilm", cache, options));
        Assert.Contains("cannot materialise the embedded model 'minilm'", viaRepository.Message);
    }

    [Fact]
    public void Materialize_IncompleteFolderInTheWay_IsReportedNotOverwritten()
    {
        var cache = Path.Combine(_dir, "cache");
        var folder = Path.Combine(cache, "minilm");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "config.json"), "{}");
        var e = Assert.Throws<IOException>(() => EmbeddedModelStore.Materialize(EmbeddedModels.MiniLM, cache,
            new EmbeddedPackageOptions { PackageRoots = [], AllowDownload = false }));
        Assert.Contains("not a complete minilm model folder", e.Message);
        Assert.True(File.Exists(Path.Combine(folder, "config.json")));
    }
}
