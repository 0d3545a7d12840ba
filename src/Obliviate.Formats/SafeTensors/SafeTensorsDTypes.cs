namespace Obliviate.Formats.SafeTensors;

/// <summary>Element sizes and the header spellings of <see cref="SafeTensorsDType"/>.</summary>
public static class SafeTensorsDTypes
{
    /// <summary>Bytes per element.</summary>
    public static int ElementSize(this SafeTensorsDType dtype) => dtype switch
    {
        SafeTensorsDType.BOOL or SafeTensorsDType.U8 or SafeTensorsDType.I8
            or SafeTensorsDType.F8_E5M2 or SafeTensorsDType.F8_E4M3 or SafeTensorsDType.F8_E8M0 => 1,
        SafeTensorsDType.I16 or SafeTensorsDType.U16 or SafeTensorsDType.F16 or SafeTensorsDType.BF16 => 2,
        SafeTensorsDType.I32 or SafeTensorsDType.U32 or SafeTensorsDType.F32 => 4,
        SafeTensorsDType.F64 or SafeTensorsDType.I64 or SafeTensorsDType.U64 => 8,
        _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "unknown safetensors dtype"),
    };

    /// <summary>True for the types <see cref="SafeTensorsFile.ReadFloat32(string)"/> converts (F32, F16, BF16, F64).</summary>
    public static bool IsFloatingPoint(this SafeTensorsDType dtype) =>
        dtype is SafeTensorsDType.F32 or SafeTensorsDType.F16 or SafeTensorsDType.BF16 or SafeTensorsDType.F64;

    /// <summary>The exact header spelling, e.g. <c>F32</c>, <c>F8_E4M3</c>.</summary>
    public static string HeaderName(this SafeTensorsDType dtype) => dtype.ToString();

    /// <summary>Parses a header spelling; the match is exact (case-sensitive), as in the reference implementation.</summary>
    public static bool TryParse(string? text, out SafeTensorsDType dtype)
    {
        dtype = default;
        if (string.IsNullOrEmpty(text) || !char.IsAsciiLetterUpper(text[0])) return false;
        foreach (var candidate in Enum.GetValues<SafeTensorsDType>())
        {
            if (string.Equals(candidate.ToString(), text, StringComparison.Ordinal))
            {
                dtype = candidate;
                return true;
            }
        }
        return false;
    }
}
