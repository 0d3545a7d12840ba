using System.Buffers.Binary;

namespace Obliviate.Formats.Pickle;

internal sealed partial class PickleMachine
{
    // One case per opcode of protocols 0-5 (CPython Lib/pickle.py / Modules/_pickle.c). The stack effect is modelled only
    // as far as scanning needs: strings (STACK_GLOBAL operands), globals (call targets) and everything else as opaque.
    private void Step(byte op, long at)
    {
        switch (op)
        {
            case (byte)'(': Push(StackItem.Mark); break;
            case (byte)'0':
                if (_stack.Count == 0) _anomalies.Add($"POP on empty stack at {at}");
                else _stack.RemoveAt(_stack.Count - 1);
                break;
            case (byte)'1': PopToMark(at, "POP_MARK"); break;
            case (byte)'2': Push(Peek(at, "DUP")); break;
            case (byte)'F': input.ReadLine(limits.MaxLineBytes, "FLOAT"); FirstValue(null); Push(StackItem.Other); break;
            case (byte)'I': PushInt(ParseLong(input.ReadLine(limits.MaxLineBytes, "INT"))); break;
            case (byte)'L': PushInt(ParseLong(input.ReadLine(limits.MaxLineBytes, "LONG"))); break;
            case (byte)'J': PushInt(BinaryPrimitives.ReadInt32LittleEndian(input.ReadExact(4, "BININT"))); break;
            case (byte)'K': PushInt(input.ReadRequiredByte("BININT1")); break;
            case (byte)'M': PushInt(BinaryPrimitives.ReadUInt16LittleEndian(input.ReadExact(2, "BININT2"))); break;
            case (byte)'G': input.ReadExact(8, "BINFLOAT"); FirstValue(null); Push(StackItem.Other); break;
            case (byte)'N': case 0x88: case 0x89: FirstValue(null); Push(StackItem.Other); break;
            case 0x8a:
            {
                var n = input.ReadRequiredByte("LONG1");
                var bytes = input.ReadExact(n, "LONG1");
                FirstValue(bytes);
                Push(new StackItem(StackKind.Int) { Int = n is > 0 and <= 8 ? LittleEndianSigned(bytes) : null });
                break;
            }
            case 0x8b:
            {
                var n = BinaryPrimitives.ReadInt32LittleEndian(input.ReadExact(4, "LONG4"));
                if (n < 0) throw new PickleFormatException(at, "LONG4 has a negative length");
                ReadSized(n, "LONG4");
                FirstValue(null);
                Push(new StackItem(StackKind.Int));
                break;
            }
            case (byte)'P':
                input.ReadLine(limits.MaxLineBytes, "PERSID");
                _calls.Add(new PickleCall(PickleCallKind.PersistentLoad, null, at));
                Push(StackItem.Other);
                break;
            case (byte)'Q':
                Pop(at, "BINPERSID");
                _calls.Add(new PickleCall(PickleCallKind.PersistentLoad, null, at));
                Push(StackItem.Other);
                break;
            case (byte)'R':
            {
                var args = Pop(at, "REDUCE");
                var callable = Pop(at, "REDUCE");
                Call(PickleCallKind.Reduce, callable, at, args.Items);
                // numpy.dtype('f8', False, True): keep the type code so a joblib array after it can be sized.
                var code = args.Items is [{ Kind: StackKind.Str } first, ..] ? first.Text : null;
                Push(new StackItem(StackKind.CallResult, code, callable.Global));
                break;
            }
            case (byte)'S':
                PushString(PickleText.Latin1(PickleText.DecodeQuotedString(input.ReadLine(limits.MaxLineBytes, "STRING"), at)), at);
                break;
            case (byte)'T': StringOrSkip(ReadSized(BinaryPrimitives.ReadInt32LittleEndian(input.ReadExact(4, "BINSTRING")), "BINSTRING"), at, latin1: true); break;
            case (byte)'U': StringOrSkip(ReadSized(input.ReadRequiredByte("SHORT_BINSTRING"), "SHORT_BINSTRING"), at, latin1: true); break;
            case (byte)'V': PushString(PickleText.DecodeRawUnicodeEscape(input.ReadLine(limits.MaxLineBytes, "UNICODE")), at); break;
            case (byte)'X': StringOrSkip(ReadSized(U32(input.ReadExact(4, "BINUNICODE")), "BINUNICODE"), at, latin1: false); break;
            case 0x8c: StringOrSkip(ReadSized(input.ReadRequiredByte("SHORT_BINUNICODE"), "SHORT_BINUNICODE"), at, latin1: false); break;
            case 0x8d: StringOrSkip(ReadSized(I64(input.ReadExact(8, "BINUNICODE8")), "BINUNICODE8"), at, latin1: false); break;
            case (byte)'B': BytesOrSkip(ReadSized(U32(input.ReadExact(4, "BINBYTES")), "BINBYTES"), at); break;
            case (byte)'C': BytesOrSkip(ReadSized(input.ReadRequiredByte("SHORT_BINBYTES"), "SHORT_BINBYTES"), at); break;
            case 0x8e: BytesOrSkip(ReadSized(I64(input.ReadExact(8, "BINBYTES8")), "BINBYTES8"), at); break;
            case 0x96: BytesOrSkip(ReadSized(I64(input.ReadExact(8, "BYTEARRAY8")), "BYTEARRAY8"), at); break;
            case (byte)'a': Pop(at, "APPEND"); MutatedAt(Peek(at, "APPEND"), at); break;
            case (byte)'e': PopToMark(at, "APPENDS"); MutatedAt(Peek(at, "APPENDS"), at); break;
            case (byte)'b':
            {
                var state = Pop(at, "BUILD");
                var target = Peek(at, "BUILD");
                if (target.Kind == StackKind.CallResult && JoblibArray.IsWrapper(target.Global)) SkipJoblibArray(state, at);
                // BUILD on the imported object itself (not an instance of it) rewrites a module's or class's attributes:
                // the sys.modules / __dict__ override trick.
                if (target.Kind == StackKind.Global) Call(PickleCallKind.BuildOnGlobal, target, at);
                break;
            }
            case (byte)'c':
            {
                var module = PickleText.DecodeUtf8Strict(input.ReadLine(limits.MaxLineBytes, "GLOBAL module"), at, "GLOBAL module");
                var name = PickleText.DecodeUtf8Strict(input.ReadLine(limits.MaxLineBytes, "GLOBAL name"), at, "GLOBAL name");
                var g = new PickleGlobal(module, name, at, "GLOBAL") { Protocol = _proto };
                AddGlobal(g);
                FirstValue(null);
                Push(new StackItem(StackKind.Global, Global: g));
                break;
            }
            case (byte)'i':
            {
                var module = PickleText.DecodeUtf8Strict(input.ReadLine(limits.MaxLineBytes, "INST module"), at, "INST module");
                var name = PickleText.DecodeUtf8Strict(input.ReadLine(limits.MaxLineBytes, "INST name"), at, "INST name");
                var g = new PickleGlobal(module, name, at, "INST") { Protocol = _proto };
                AddGlobal(g);
                var args = PopToMark(at, "INST");
                Call(PickleCallKind.Inst, new StackItem(StackKind.Global, Global: g), at, args);
                Push(new StackItem(StackKind.CallResult, Global: g));
                break;
            }
            case (byte)'o':
            {
                var items = PopToMark(at, "OBJ");
                var cls = items.Count > 0 ? items[0] : StackItem.Unknown;
                Call(PickleCallKind.Obj, cls, at, items.Count > 1 ? items[1..] : null);
                Push(new StackItem(StackKind.CallResult, Global: cls.Global));
                break;
            }
            case 0x81:
            {
                var args = Pop(at, "NEWOBJ");
                var cls = Pop(at, "NEWOBJ");
                Call(PickleCallKind.NewObj, cls, at, args.Items);
                Push(new StackItem(StackKind.CallResult, Global: cls.Global));
                break;
            }
            case 0x92:
            {
                Pop(at, "NEWOBJ_EX");
                var args = Pop(at, "NEWOBJ_EX");
                var cls = Pop(at, "NEWOBJ_EX");
                Call(PickleCallKind.NewObjEx, cls, at, args.Items);
                Push(new StackItem(StackKind.CallResult, Global: cls.Global));
                break;
            }
            case 0x93: StackGlobal(at); break;
            case 0x82: Extension(input.ReadRequiredByte("EXT1"), at, "EXT1"); break;
            case 0x83: Extension(BinaryPrimitives.ReadUInt16LittleEndian(input.ReadExact(2, "EXT2")), at, "EXT2"); break;
            case 0x84: Extension(BinaryPrimitives.ReadInt32LittleEndian(input.ReadExact(4, "EXT4")), at, "EXT4"); break;
            case (byte)'d':
            {
                var items = PopToMark(at, "DICT");
                var dict = new Dictionary<string, StackItem>(StringComparer.Ordinal);
                SetItems(dict, items);
                FirstValue(null);
                Push(StackItem.Other with { Dict = dict });
                break;
            }
            case (byte)'l': case 0x91: PopToMark(at, "collection"); FirstValue(null); Push(StackItem.Other); break;
            case (byte)'t': { var items = PopToMark(at, "TUPLE"); FirstValue(null); Push(StackItem.Other with { Items = items }); break; }
            case (byte)'}': FirstValue(null); Push(StackItem.Other with { Dict = new Dictionary<string, StackItem>(StringComparer.Ordinal) }); break;
            case (byte)')': FirstValue(null); Push(StackItem.Other with { Items = [] }); break;
            case (byte)']': case 0x8f: FirstValue(null); Push(StackItem.Other); break;
            case 0x85: case 0x86: case 0x87:
            {
                var n = op - 0x84;
                var items = new StackItem[n];
                for (var i = n - 1; i >= 0; i--) items[i] = Pop(at, "TUPLEn");
                Push(StackItem.Other with { Items = items });
                break;
            }
            case (byte)'s':
            {
                var value = Pop(at, "SETITEM");
                var key = Pop(at, "SETITEM");
                var target = Peek(at, "SETITEM");
                if (target.Dict is { } d && key.Kind == StackKind.Str && d.Count < 1024) d[key.Text!] = value;
                if (target.Kind == StackKind.Global) SetItemsOnGlobal(target.Global!, [key, value], at);
                break;
            }
            case (byte)'u':
            {
                var items = PopToMark(at, "SETITEMS");
                var target = Peek(at, "SETITEMS");
                if (target.Dict is { } d) SetItems(d, items);
                if (target.Kind == StackKind.Global) SetItemsOnGlobal(target.Global!, items, at);
                break;
            }
            case 0x90: PopToMark(at, "ADDITEMS"); MutatedAt(Peek(at, "ADDITEMS"), at); break;
            case (byte)'g': Get(ReadLineInt("GET", at), at); break;
            case (byte)'h': Get(input.ReadRequiredByte("BINGET"), at); break;
            case (byte)'j': Get(U32(input.ReadExact(4, "LONG_BINGET")), at); break;
            case (byte)'p': Memo(ReadLineInt("PUT", at), at, "PUT"); break;
            case (byte)'q': Memo(input.ReadRequiredByte("BINPUT"), at, "BINPUT"); break;
            case (byte)'r': Memo(U32(input.ReadExact(4, "LONG_BINPUT")), at, "LONG_BINPUT"); break;
            case 0x94: Memo(_memo.Count, at, "MEMOIZE"); break;
            case 0x80:
            {
                var proto = input.ReadRequiredByte("PROTO");
                if (proto > 5) throw new PickleFormatException(at, $"unsupported pickle protocol {proto}");
                _protocol = Math.Max(_protocol, proto);
                // find_class reads the current protocol (Unpickler.proto), not the highest one seen.
                _proto = proto;
                break;
            }
            case 0x95: input.ReadExact(8, "FRAME"); break;
            case 0x97: Push(StackItem.Other); break;
            case 0x98: Peek(at, "READONLY_BUFFER"); break;
            default: throw new PickleFormatException(at, $"unknown opcode 0x{op:x2}");
        }
    }

    private void StringOrSkip(byte[]? data, long at, bool latin1)
    {
        if (data is null) { FirstValue(null); Push(StackItem.Other); return; }
        PushString(latin1 ? PickleText.Latin1(data) : PickleText.DecodeUtf8Lenient(data), at);
    }

    private void BytesOrSkip(byte[]? data, long at)
    {
        if (data is null) { FirstValue(null); Push(StackItem.Other); return; }
        PushBytes(data, at);
    }

    private void StackGlobal(long at)
    {
        var name = Pop(at, "STACK_GLOBAL");
        var module = Pop(at, "STACK_GLOBAL");
        PickleGlobal g;
        if (module.Kind == StackKind.Str && name.Kind == StackKind.Str)
        {
            g = new PickleGlobal(module.Text, name.Text, at, "STACK_GLOBAL") { Protocol = _proto };
        }
        else
        {
            var reason = $"STACK_GLOBAL operands are not string constants (module: {Describe(module)}, name: {Describe(name)})";
            _anomalies.Add(reason + $" at {at}");
            g = new PickleGlobal(module.Kind == StackKind.Str ? module.Text : null, name.Kind == StackKind.Str ? name.Text : null, at, "STACK_GLOBAL", reason)
                { Protocol = _proto };
        }
        AddGlobal(g);
        FirstValue(null);
        Push(new StackItem(StackKind.Global, Global: g));
    }

    private void Extension(int code, long at, string opcode)
    {
        // get_extension: the cache first, then the inverted registry, resolved with find_class under the current protocol.
        var g = extensions.Find(code) switch
        {
            { Cached: { } cached } e => cached with { Offset = at, Opcode = opcode, ExtensionCode = code, ExtensionSource = e.Source },
            { } e => new PickleGlobal(e.Module, e.Name, at, opcode) { Protocol = _proto, ExtensionCode = code, ExtensionSource = e.Source },
            null => new PickleGlobal(null, null, at, opcode,
                $"extension registry code {code} is not registered in this file (CPython's registry is empty unless the loading program fills it)")
                { Protocol = _proto, ExtensionCode = code },
        };
        AddGlobal(g);
        FirstValue(null);
        Push(new StackItem(StackKind.Global, Global: g));
    }

    /// <summary>What a call applies to when it is not an imported global.</summary>
    private static string DescribeCallee(StackItem item) => item.Kind switch
    {
        StackKind.CallResult => item.Global is null ? "the result of a call" : $"the result of {item.Global.QualifiedName}(...)",
        StackKind.Str => "a str constant",
        StackKind.Bytes => "a bytes constant",
        StackKind.Int => "an int constant",
        StackKind.Unknown => "an unknown value",
        _ => "a constant or container",
    };

    private static string Describe(StackItem item) => item.Kind switch
    {
        StackKind.Str => "str",
        StackKind.Int => "int",
        StackKind.Global => $"global {item.Global?.QualifiedName}",
        StackKind.CallResult => item.Global is null ? "call result" : $"result of {item.Global.QualifiedName}",
        StackKind.Unknown => "unknown",
        _ => item.Kind.ToString().ToLowerInvariant(),
    };
}
