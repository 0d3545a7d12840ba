namespace Obliviate.Formats.Pickle;

// Value tracking that only matters for sizing joblib's inline arrays: ints, tuples and string-keyed dicts.
internal sealed partial class PickleMachine
{
    private void PushInt(long? value)
    {
        FirstValue(null);
        Push(new StackItem(StackKind.Int) { Int = value });
    }

    private static long LittleEndianSigned(byte[] b)
    {
        long v = (sbyte)b[^1];
        for (var i = b.Length - 2; i >= 0; i--) v = (v << 8) | b[i];
        return v;
    }

    /// <summary>
    /// joblib writes each numpy array's bytes straight after the BUILD of its NumpyArrayWrapper (joblib/numpy_pickle.py,
    /// write_array): an optional alignment pad, then the raw data, or for object arrays a nested protocol-2 pickle that
    /// joblib loads on the spot. The data is skipped; the nested pickle is walked as part of this stream.
    /// </summary>
    private void SkipJoblibArray(StackItem state, long at)
    {
        var size = JoblibArray.DataBytes(state, out var hasObjects, out var aligned, out var why);
        if (hasObjects)
        {
            var nested = new PickleMachine(input, limits, budget, extensions, ct).Run();
            _globals.AddRange(nested.Globals);
            _calls.AddRange(nested.Calls);
            _blobs.AddRange(nested.Blobs);
            _anomalies.AddRange(nested.Anomalies);
            if (nested.Error is { } e) throw new PickleFormatException(e.Offset, "joblib object array: " + e.Message, e.LimitExceeded);
            return;
        }
        if (size is null) throw new PickleFormatException(at, $"joblib array data of unknown size follows ({why})");
        if (aligned) input.Skip(input.ReadRequiredByte("joblib alignment padding length"), "joblib alignment padding");
        input.Skip(size.Value, "joblib array data");
    }

    private static long? ParseLong(byte[] line)
    {
        var text = PickleText.Latin1(line).Trim().TrimEnd('L');
        return text switch { "00" => 0, "01" => 1, _ => long.TryParse(text, out var v) ? v : null };
    }

    private static void SetItems(Dictionary<string, StackItem> dict, List<StackItem> items)
    {
        for (var i = 0; i + 1 < items.Count && dict.Count < 1024; i += 2)
        {
            if (items[i].Kind == StackKind.Str) dict[items[i].Text!] = items[i + 1];
        }
    }
}
