using System.Text.RegularExpressions;

namespace Obliviate.Formats.Pickle;

/// <summary>Sizes the raw array data joblib writes after a NumpyArrayWrapper, from the wrapper's state dict.</summary>
internal static partial class JoblibArray
{
    public static bool IsWrapper(PickleGlobal? g) =>
        g is { Name: "NumpyArrayWrapper", Module: "joblib.numpy_pickle" or "sklearn.externals.joblib.numpy_pickle" };

    /// <returns>Bytes of array data, or null when the state does not say (with <paramref name="why"/>).</returns>
    public static long? DataBytes(StackItem state, out bool hasObjects, out bool aligned, out string why)
    {
        hasObjects = false;
        aligned = false;
        why = "";
        if (state.Dict is not { } d) { why = "state is not a dict"; return null; }
        aligned = d.TryGetValue("numpy_array_alignment_bytes", out var align) && align.Int is > 0;
        if (!d.TryGetValue("dtype", out var dtype) || dtype.Text is null) { why = "dtype unknown"; return null; }
        var m = DTypeCode().Match(dtype.Text);
        if (!m.Success) { why = $"dtype '{dtype.Text}' not understood"; return null; }
        var kind = m.Groups[1].Value[0];
        if (kind == 'O') { hasObjects = true; return 0; }
        if (!long.TryParse(m.Groups[2].Value, out var itemSize) || itemSize <= 0) { why = $"dtype '{dtype.Text}' has no size"; return null; }
        if (kind == 'U') itemSize *= 4;
        if (!d.TryGetValue("shape", out var shape) || shape.Items is not { } dims) { why = "shape unknown"; return null; }
        var count = 1L;
        foreach (var dim in dims)
        {
            if (dim.Int is not { } n || n < 0) { why = "shape is not a tuple of sizes"; return null; }
            try { count = checked(count * n); } catch (OverflowException) { why = "shape overflows"; return null; }
        }
        try { return checked(count * itemSize); } catch (OverflowException) { why = "array size overflows"; return null; }
    }

    // numpy dtype.__reduce__ type codes: '<f8', 'i8', 'b1', 'U10', 'S5', 'O8', 'M8[ns]', 'V16'.
    [GeneratedRegex(@"^[<>|=]?([biufcOUSaVMm])(\d*)(\[\w+\])?$")]
    private static partial Regex DTypeCode();
}
