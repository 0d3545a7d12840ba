using System.Buffers.Binary;

namespace Obliviate.Formats.Pickle;

/// <summary>
/// Walks one pickle stream opcode by opcode with a symbolic stack and memo, never constructing a Python object.
/// Structural defects (unknown opcode, truncation, undecodable text) end the stream, as they end a real unpickler.
/// Semantic defects (memo miss, stack underflow, non-string STACK_GLOBAL operands) are recorded and the walk goes on
/// with an unknown value: a real unpickler may already have run code by then, and obfuscated pickles rely on scanners stopping.
/// </summary>
internal sealed partial class PickleMachine(
    PickleInput input, PickleLimits limits, PickleBudget budget, PickleExtensionRegistry extensions, CancellationToken ct)
{
    private static readonly byte[] TorchMagic = [0x6c, 0xfc, 0x9c, 0x46, 0xf9, 0x20, 0x6a, 0xa8, 0x50, 0x19];

    private readonly List<StackItem> _stack = [];
    private readonly Dictionary<long, StackItem> _memo = [];
    private readonly List<PickleGlobal> _globals = [];
    private readonly List<PickleCall> _calls = [];
    private readonly List<PickleBlob> _blobs = [];
    private readonly List<string> _anomalies = [];
    private int _protocol;
    private int _proto;
    private int _opcodes;
    private bool _firstValueSeen;
    private bool _torchMagic;

    public PickleStream Run()
    {
        var start = input.Position;
        PickleError? error = null;
        var complete = false;
        try
        {
            complete = Loop();
        }
        catch (PickleFormatException ex)
        {
            error = new PickleError(ex.Offset, ex.Message, ex.LimitExceeded);
        }
        return new PickleStream
        {
            Start = start,
            End = input.Position,
            Protocol = _protocol,
            OpcodeCount = _opcodes,
            Complete = complete,
            Globals = _globals,
            Calls = _calls,
            Blobs = _blobs,
            Anomalies = _anomalies,
            StartsWithTorchMagic = _torchMagic,
            Error = error,
        };
    }

    private bool Loop()
    {
        while (true)
        {
            var at = input.Position;
            var op = input.ReadByte();
            if (op < 0) throw new PickleFormatException(at, _opcodes == 0 ? "empty pickle stream" : "truncated: no STOP opcode before end of data");
            if (++_opcodes % 4096 == 0) ct.ThrowIfCancellationRequested();
            if (budget.CountOpcode()) throw new PickleFormatException(at, $"more than {limits.MaxOpcodes} opcodes", limitExceeded: true);
            if (_stack.Count > limits.MaxStackDepth) throw new PickleFormatException(at, $"stack deeper than {limits.MaxStackDepth}", limitExceeded: true);
            if (op == '.') return true;
            Step((byte)op, at);
        }
    }

    private void Push(StackItem item) => _stack.Add(item);

    private StackItem Pop(long at, string opcode)
    {
        if (_stack.Count == 0 || _stack[^1].Kind == StackKind.Mark)
        {
            _anomalies.Add($"stack underflow at {at} ({opcode})");
            return StackItem.Unknown;
        }
        var top = _stack[^1];
        _stack.RemoveAt(_stack.Count - 1);
        return top;
    }

    private StackItem Peek(long at, string opcode)
    {
        if (_stack.Count == 0 || _stack[^1].Kind == StackKind.Mark)
        {
            _anomalies.Add($"empty stack at {at} ({opcode})");
            return StackItem.Unknown;
        }
        return _stack[^1];
    }

    private List<StackItem> PopToMark(long at, string opcode)
    {
        var mark = _stack.FindLastIndex(i => i.Kind == StackKind.Mark);
        if (mark < 0)
        {
            _anomalies.Add($"no MARK for {opcode} at {at}");
            var all = new List<StackItem>(_stack);
            _stack.Clear();
            return all;
        }
        var items = _stack.GetRange(mark + 1, _stack.Count - mark - 1);
        _stack.RemoveRange(mark, _stack.Count - mark);
        return items;
    }

    private void AddGlobal(PickleGlobal g)
    {
        if (_globals.Count >= limits.MaxGlobals) throw new PickleFormatException(g.Offset, $"more than {limits.MaxGlobals} globals", limitExceeded: true);
        _globals.Add(g);
    }

    private void Call(PickleCallKind kind, StackItem target, long at, IReadOnlyList<StackItem>? args = null)
    {
        var global = target.Kind == StackKind.Global ? target.Global : null;
        IReadOnlyList<PickleGlobal?> argGlobals = args is not null && args.Any(a => a.Kind == StackKind.Global)
            ? [.. args.Select(a => a.Kind == StackKind.Global ? a.Global : null)]
            : [];
        _calls.Add(new PickleCall(kind, global, at) { Arguments = argGlobals, TargetDescription = global is null ? DescribeCallee(target) : null });
        if (global is not null && args is not null) RegisterExtension(global, args, at);
    }

    private void Memo(long key, long at, string opcode)
    {
        if (_memo.Count >= limits.MaxMemoEntries && !_memo.ContainsKey(key))
            throw new PickleFormatException(at, $"more than {limits.MaxMemoEntries} memo entries", limitExceeded: true);
        _memo[key] = Peek(at, opcode);
    }

    private void Get(long key, long at)
    {
        if (_memo.TryGetValue(key, out var item)) { Push(item); return; }
        _anomalies.Add($"memo key {key} read before it was written at {at}");
        Push(StackItem.Unknown);
    }

    private void PushString(string text, long at)
    {
        FirstValue(null);
        Push(new StackItem(StackKind.Str, text));
        if (text.Length >= 8 && text.Length <= limits.MaxBlobBytes && text.All(c => c <= 0xFF))
            OfferBlob(System.Text.Encoding.Latin1.GetBytes(text), at, fromText: true);
    }

    private void PushBytes(byte[] data, long at)
    {
        FirstValue(null);
        Push(new StackItem(StackKind.Bytes));
        if (data.Length >= 8) OfferBlob(data, at, fromText: false);
    }

    private void OfferBlob(byte[] data, long at, bool fromText)
    {
        if (!NestedPickleDecoder.IsCandidate(data)) return;
        if (!budget.TakeBlobBytes(data.Length)) return;
        _blobs.Add(new PickleBlob(at, data, fromText));
    }

    private void FirstValue(byte[]? longBytes)
    {
        if (_firstValueSeen) return;
        _firstValueSeen = true;
        _torchMagic = longBytes is not null && longBytes.AsSpan().SequenceEqual(TorchMagic);
    }

    /// <summary>Reads a length-prefixed argument; large constants are skipped, not buffered.</summary>
    private byte[]? ReadSized(long length, string what)
    {
        if (length < 0) throw new PickleFormatException(input.Position, $"negative length in {what}");
        if (length > limits.MaxBlobBytes) { input.Skip(length, what); return null; }
        return input.ReadExact((int)length, what);
    }

    private long ReadLineInt(string what, long at)
    {
        var text = PickleText.Latin1(input.ReadLine(limits.MaxLineBytes, what)).Trim();
        if (long.TryParse(text, out var v)) return v;
        throw new PickleFormatException(at, $"{what} argument is not an integer");
    }

    private static long U32(byte[] b) => BinaryPrimitives.ReadUInt32LittleEndian(b);
    private static long I64(byte[] b) => BinaryPrimitives.ReadInt64LittleEndian(b);
}
