namespace Obliviate.Formats.Numpy;

/// <summary>The header of a .npy file. Object arrays (<see cref="HasObjects"/>) store their elements as a pickle after the header.</summary>
public sealed record NpyHeader(int Major, int Minor, string Descr, bool HasObjects, long DataOffset);
