namespace Obliviate.Scanner;

/// <summary>A <see cref="ScanLimits"/> cap was hit; the file becomes inconclusive with this message.</summary>
internal sealed class ScanLimitException(string message) : Exception(message);
