using System.Buffers.Binary;
using System.Text;

namespace Obliviate.Tests.Fixtures;

/// <summary>
/// Writes pickle opcodes byte by byte, so tests build exactly the programs CPython's pickler (or an attacker) emits.
/// Only bytes are produced; nothing is ever unpickled.
/// </summary>
public sealed class PickleBuilder
{
    private readonly MemoryStream _out = new();

    public PickleBuilder Proto(int version) => Op(0x80).Byte((byte)version);
    public PickleBuilder Frame(long length) => Op(0x95).Bytes(LE64(length));
    public PickleBuilder Global(string module, string name) => Op('c').Ascii(module + "\n" + name + "\n");
    public PickleBuilder Inst(string module, string name) => Op('i').Ascii(module + "\n" + name + "\n");
    public PickleBuilder ShortUnicode(string s) { var b = Encoding.UTF8.GetBytes(s); return Op(0x8c).Byte((byte)b.Length).Bytes(b); }
    public PickleBuilder BinUnicode(string s) { var b = Encoding.UTF8.GetBytes(s); return Op('X').Bytes(LE32(b.Length)).Bytes(b); }
    public PickleBuilder Unicode(string rawUnicodeEscaped) => Op('V').Ascii(rawUnicodeEscaped + "\n");
    public PickleBuilder String(string quoted) => Op('S').Ascii(quoted + "\n");
    public PickleBuilder ShortBinString(string s) { var b = Encoding.Latin1.GetBytes(s); return Op('U').Byte((byte)b.Length).Bytes(b); }
    public PickleBuilder BinBytes(byte[] data) => Op('B').Bytes(LE32(data.Length)).Bytes(data);
    public PickleBuilder ShortBinBytes(byte[] data) => Op('C').Byte((byte)data.Length).Bytes(data);
    public PickleBuilder BinInt1(byte v) => Op('K').Byte(v);
    public PickleBuilder BinInt(int v) => Op('J').Bytes(LE32(v));
    public PickleBuilder Long1(byte[] le) => Op(0x8a).Byte((byte)le.Length).Bytes(le);
    public PickleBuilder Int(string text) => Op('I').Ascii(text + "\n");
    public PickleBuilder None() => Op('N');
    public PickleBuilder Mark() => Op('(');
    public PickleBuilder Tuple() => Op('t');
    public PickleBuilder Tuple1() => Op(0x85);
    public PickleBuilder Tuple2() => Op(0x86);
    public PickleBuilder Tuple3() => Op(0x87);
    public PickleBuilder NewTrue() => Op(0x88);
    public PickleBuilder NewFalse() => Op(0x89);
    public PickleBuilder EmptyTuple() => Op(')');
    public PickleBuilder EmptyDict() => Op('}');
    public PickleBuilder EmptyList() => Op(']');
    public PickleBuilder SetItem() => Op('s');
    public PickleBuilder SetItems() => Op('u');
    public PickleBuilder Append() => Op('a');
    public PickleBuilder Reduce() => Op('R');
    public PickleBuilder Build() => Op('b');
    public PickleBuilder Obj() => Op('o');
    public PickleBuilder NewObj() => Op(0x81);
    public PickleBuilder NewObjEx() => Op(0x92);
    public PickleBuilder StackGlobal() => Op(0x93);
    public PickleBuilder Memoize() => Op(0x94);
    public PickleBuilder Put(int index) => Op('p').Ascii(index + "\n");
    public PickleBuilder BinPut(byte index) => Op('q').Byte(index);
    public PickleBuilder LongBinPut(int index) => Op('r').Bytes(LE32(index));
    public PickleBuilder Get(int index) => Op('g').Ascii(index + "\n");
    public PickleBuilder BinGet(byte index) => Op('h').Byte(index);
    public PickleBuilder LongBinGet(int index) => Op('j').Bytes(LE32(index));
    public PickleBuilder Ext1(byte code) => Op(0x82).Byte(code);
    public PickleBuilder Ext2(ushort code) => Op(0x83).Bytes([(byte)code, (byte)(code >> 8)]);
    public PickleBuilder Ext4(int code) => Op(0x84).Bytes(LE32(code));
    public PickleBuilder Appends() => Op('e');
    public PickleBuilder BinPersId() => Op('Q');
    public PickleBuilder Pop() => Op('0');
    public PickleBuilder Dup() => Op('2');
    public PickleBuilder Stop() => Op('.');
    public PickleBuilder Raw(params byte[] bytes) => Bytes(bytes);

    /// <summary>The classic payload: module.name(arg) via GLOBAL + REDUCE.</summary>
    public static byte[] CallGlobal(string module, string name, string arg, int protocol = 2) =>
        new PickleBuilder().Proto(protocol).Global(module, name).ShortUnicode(arg).Tuple1().Reduce().Stop().ToArray();

    /// <summary>The same call through STACK_GLOBAL with memoized strings (protocol 4 style).</summary>
    public static byte[] StackGlobalCall(string module, string name, string arg) =>
        new PickleBuilder().Proto(4).ShortUnicode(module).Memoize().ShortUnicode(name).Memoize().StackGlobal().Memoize()
            .ShortUnicode(arg).Memoize().Tuple1().Memoize().Reduce().Memoize().Stop().ToArray();

    /// <summary>What torch.save writes into data.pkl for an OrderedDict holding one float tensor.</summary>
    public static byte[] TorchStateDict() =>
        new PickleBuilder().Proto(2).Global("collections", "OrderedDict").EmptyTuple().Reduce().BinPut(0)
            .Mark().ShortBinString("weight").Global("torch._utils", "_rebuild_tensor_v2")
            .Mark().Mark().ShortBinString("storage").Global("torch", "FloatStorage").ShortBinString("0").ShortBinString("cpu").BinInt1(4).Tuple().BinPersId()
            .BinInt1(0).BinInt1(2).BinInt1(2).Tuple2().BinInt1(2).BinInt1(1).Tuple2().Op(0x89).Global("collections", "OrderedDict").EmptyTuple().Reduce().Tuple().Reduce()
            .SetItems().Stop().ToArray();

    /// <summary>
    /// What joblib.dump writes for one numpy array: the NumpyArrayWrapper with its state dict, then (after BUILD) the
    /// alignment pad and raw data, or for an object dtype a nested protocol-2 pickle.
    /// </summary>
    public static byte[] JoblibArray(string dtype, int length, byte[] inlinePayload, bool aligned = true)
    {
        var b = new PickleBuilder().Proto(4).Global("joblib.numpy_pickle", "NumpyArrayWrapper").Memoize().EmptyTuple().NewObj().Memoize()
            .EmptyDict().Memoize().Mark()
            .ShortUnicode("subclass").Global("numpy", "ndarray")
            .ShortUnicode("shape").BinInt1((byte)length).Tuple1()
            .ShortUnicode("order").ShortUnicode("C")
            .ShortUnicode("dtype").Global("numpy", "dtype").ShortUnicode(dtype).NewFalse().NewTrue().Tuple3().Reduce().Memoize()
            .Mark().BinInt1(3).ShortUnicode("<").None().None().None().BinInt(-1).BinInt(-1).BinInt1(0).Tuple().Build()
            .ShortUnicode("allow_mmap").NewFalse();
        if (aligned) b.ShortUnicode("numpy_array_alignment_bytes").BinInt1(16);
        b.SetItems().Build();
        if (aligned && dtype != "O8") b.Raw(3, 0xff, 0xff, 0xff);
        return b.Raw(inlinePayload).Stop().ToArray();
    }

    public byte[] ToArray() => _out.ToArray();

    private PickleBuilder Op(char c) => Byte((byte)c);
    private PickleBuilder Op(int b) => Byte((byte)b);
    private PickleBuilder Byte(byte b) { _out.WriteByte(b); return this; }
    private PickleBuilder Bytes(byte[] b) { _out.Write(b); return this; }
    private PickleBuilder Ascii(string s) => Bytes(Encoding.UTF8.GetBytes(s));
    private static byte[] LE32(int v) { var b = new byte[4]; BinaryPrimitives.WriteInt32LittleEndian(b, v); return b; }
    private static byte[] LE64(long v) { var b = new byte[8]; BinaryPrimitives.WriteInt64LittleEndian(b, v); return b; }
}
