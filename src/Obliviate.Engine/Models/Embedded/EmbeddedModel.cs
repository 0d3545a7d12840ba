namespace Obliviate.Engine.Models.Embedded;

/// <summary>
/// A pre-trained encoder shipped inside a NuGet package's DLL as embedded ONNX + vocab.txt resources.
/// </summary>
/// <param name="ShortName">The name accepted wherever a model path goes (<c>minilm</c>).</param>
/// <param name="PackageId">The NuGet package id.</param>
/// <param name="PackageVersion">The exact package version.</param>
/// <param name="PackageSha512">The pinned base64 SHA-512 of the .nupkg (as in its .nupkg.sha512), checked on download.</param>
/// <param name="AssemblyPath">The DLL's path inside the package.</param>
/// <param name="AssemblySha256">The pinned SHA-256 (hex) of that DLL, checked before its resources are used.</param>
/// <param name="OnnxResource">The embedded ONNX resource name.</param>
/// <param name="VocabResource">The embedded vocab.txt resource name.</param>
/// <param name="UpstreamModel">The upstream model id.</param>
/// <param name="UpstreamLicense">The weights' licence per the upstream model card (SPDX).</param>
/// <param name="PackageLicense">The package's licence (SPDX).</param>
public sealed record EmbeddedModel(
    string ShortName,
    string PackageId,
    string PackageVersion,
    string PackageSha512,
    string AssemblyPath,
    string AssemblySha256,
    string OnnxResource,
    string VocabResource,
    string UpstreamModel,
    string UpstreamLicense,
    string PackageLicense);
