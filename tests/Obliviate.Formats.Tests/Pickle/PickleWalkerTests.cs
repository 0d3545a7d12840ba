using System.Text;
using Obliviate.Formats.Pickle;
using Obliviate.Tests.Fixtures;

namespace Obliviate.Formats.Tests.Pickle;

public sealed class PickleWalkerTests
{
    private static PickleWalkResult Walk(byte[] data) => PickleWalker.Walk(data);

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void Global_and_reduce_are_reported_for_every_protocol(int protocol)
    {
        var b = new PickleBuilder();
        if (protocol > 0) b.Proto(protocol);
        var walk = Walk(b.Global("os", "system").Mark().String("'ls'").Tuple().Reduce().Stop().ToArray());
        var s = Assert.Single(walk.Streams);
        Assert.True(s.Complete);
        Assert.Null(s.Error);
        var g = Assert.Single(s.Globals);
        Assert.Equal(("os", "system", "GLOBAL"), (g.Module, g.Name, g.Opcode));
        Assert.Equal(protocol > 0 ? 2 : 0, g.Offset);
        var call = Assert.Single(s.Calls);
        Assert.Equal(PickleCallKind.Reduce, call.Kind);
        Assert.Equal("os.system", call.Target?.QualifiedName);
    }

    [Fact]
    public void Stack_global_resolves_strings_through_the_memo()
    {
        // Memoized strings fetched back with BINGET: the obfuscation of picklescan's malicious11.
        var data = new PickleBuilder().Proto(4).ShortUnicode("os").Memoize().ShortUnicode("system").Memoize().Pop().Pop()
            .BinGet(0).BinGet(1).StackGlobal().ShortUnicode("id").Tuple1().Reduce().Stop().ToArray();
        var g = Assert.Single(Walk(data).Globals);
        Assert.Equal("os.system", g.QualifiedName);
        Assert.True(g.IsResolved);
    }

    [Fact]
    public void Put_and_get_text_forms_resolve_too()
    {
        var data = new PickleBuilder().Unicode("builtins").Put(7).Pop().Unicode("eval").Put(8).Pop().Get(7).Get(8).StackGlobal().Stop().ToArray();
        Assert.Equal("builtins.eval", Assert.Single(Walk(data).Globals).QualifiedName);
    }

    [Fact]
    public void Stack_global_with_non_string_operands_is_unresolved_not_dropped()
    {
        var data = new PickleBuilder().Proto(4).BinInt(42).Memoize().ShortUnicode("os").Memoize().BinGet(0).BinGet(1).StackGlobal().Stop().ToArray();
        var s = Assert.Single(Walk(data).Streams);
        var g = Assert.Single(s.Globals);
        Assert.False(g.IsResolved);
        Assert.Equal("?.os", g.QualifiedName);
        Assert.Contains("module: int", g.UnresolvedReason);
        Assert.NotEmpty(s.Anomalies);
    }

    [Fact]
    public void Memo_miss_is_an_anomaly_and_the_walk_continues()
    {
        var data = new PickleBuilder().Proto(4).BinGet(9).ShortUnicode("system").StackGlobal().Global("posix", "system").Stop().ToArray();
        var s = Assert.Single(Walk(data).Streams);
        Assert.True(s.Complete);
        Assert.Contains(s.Anomalies, a => a.Contains("memo key 9"));
        Assert.Contains(s.Globals, g => g.QualifiedName == "posix.system");
    }

    [Fact]
    public void Inst_and_obj_record_their_class()
    {
        var data = new PickleBuilder().Mark().String("'x'").Inst("__builtin__", "exec").Mark().Global("subprocess", "Popen").String("'id'").Obj().Stop().ToArray();
        var s = Assert.Single(Walk(data).Streams);
        Assert.Equal(["__builtin__.exec", "subprocess.Popen"], s.Globals.Select(g => g.QualifiedName));
        Assert.Equal([PickleCallKind.Inst, PickleCallKind.Obj], s.Calls.Select(c => c.Kind));
        Assert.Equal("subprocess.Popen", s.Calls[1].Target?.QualifiedName);
    }

    [Fact]
    public void Newobj_and_newobj_ex_record_their_class()
    {
        var data = new PickleBuilder().Proto(4).Global("a", "B").EmptyTuple().NewObj().Pop()
            .Global("c", "D").EmptyTuple().EmptyDict().NewObjEx().Stop().ToArray();
        var calls = Assert.Single(Walk(data).Streams).Calls;
        Assert.Equal([(PickleCallKind.NewObj, "a.B"), (PickleCallKind.NewObjEx, "c.D")], calls.Select(c => (c.Kind, c.Target!.QualifiedName)));
    }

    [Fact]
    public void Build_on_an_imported_module_is_reported()
    {
        var data = new PickleBuilder().Proto(4).ShortUnicode("torch").ShortUnicode("_utils").StackGlobal().EmptyDict()
            .ShortUnicode("x").ShortUnicode("builtins").SetItem().Build().Stop().ToArray();
        var call = Assert.Single(Assert.Single(Walk(data).Streams).Calls);
        Assert.Equal(PickleCallKind.BuildOnGlobal, call.Kind);
        Assert.Equal("torch._utils", call.Target?.QualifiedName);
    }

    [Fact]
    public void Extension_codes_nobody_registered_are_unresolved_globals()
    {
        var g = Assert.Single(Walk(new PickleBuilder().Proto(2).Ext1(7).EmptyTuple().Reduce().Stop().ToArray()).Globals);
        Assert.False(g.IsResolved);
        Assert.Equal(7, g.ExtensionCode);
        Assert.Contains("extension registry code 7 is not registered", g.UnresolvedReason);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    public void Extension_codes_resolve_through_copyreg_add_extension_earlier_in_the_file(int width)
    {
        // copyreg.add_extension("os", "system", 300) in a first stream, EXTn 300 in a second: CPython's registry is process-wide.
        var register = new PickleBuilder().Proto(2).Global("copy_reg", "add_extension")
            .ShortBinString("os").ShortBinString("system").Raw(0x4d, 0x2c, 0x01).Tuple3().Reduce().Stop().ToArray();
        var use = new PickleBuilder().Proto(2);
        if (width == 1) use.Ext1(200); else if (width == 2) use.Ext2(300); else use.Ext4(300);
        use.ShortBinString("id").Tuple1().Reduce().Stop();
        var walk = Walk([.. register, .. use.ToArray()]);
        var ext = walk.Streams[1].Globals.Single();
        if (width == 1)
        {
            Assert.False(ext.IsResolved);
            return;
        }
        Assert.Equal(("os", "system", 300), (ext.Module, ext.Name, ext.ExtensionCode));
        Assert.StartsWith("copyreg.add_extension at offset ", ext.ExtensionSource, StringComparison.Ordinal);
        Assert.Equal(ext, walk.Streams[1].Calls.Single().Target);
    }

    [Fact]
    public void Extension_codes_resolve_through_writes_to_the_inverted_registry_and_the_cache()
    {
        var data = new PickleBuilder().Proto(2)
            .Global("copyreg", "_inverted_registry").BinInt1(5).ShortBinString("posix").ShortBinString("system").Tuple2().SetItem().Pop()
            .Global("copyreg", "_extension_cache").Mark().BinInt1(6).Global("builtins", "eval").SetItems().Pop()
            .Ext1(5).Pop().Ext1(6).Pop().Stop().ToArray();
        var s = Assert.Single(Walk(data).Streams);
        Assert.Equal(["posix.system", "builtins.eval"], s.Globals.Where(g => g.ExtensionCode is not null).Select(g => g.QualifiedName));
        Assert.Equal(2, s.Calls.Count(c => c.Kind == PickleCallKind.MutateGlobal));
    }

    [Fact]
    public void Globals_record_the_protocol_in_force_when_they_are_imported()
    {
        // find_class reads the unpickler's current protocol, which the latest PROTO sets (not the highest seen).
        var data = new PickleBuilder().Global("a", "b").Pop().Proto(4).Global("c", "d.e").Pop().Proto(2).Global("f", "g").Pop().Stop().ToArray();
        Assert.Equal([0, 4, 2], Walk(data).Globals.Select(g => g.Protocol));
    }

    [Fact]
    public void Reduce_records_which_arguments_are_globals_and_what_a_computed_callee_is()
    {
        var data = new PickleBuilder().Proto(2).Global("copyreg", "_reconstructor").Global("mylib", "Evil").Global("builtins", "object").None().Tuple3().Reduce()
            .EmptyTuple().Reduce().Stop().ToArray();
        var calls = Assert.Single(Walk(data).Streams).Calls;
        Assert.Equal(["mylib.Evil", "builtins.object", null], calls[0].Arguments.Select(a => a?.QualifiedName));
        Assert.Null(calls[1].Target);
        Assert.Equal("the result of copyreg._reconstructor(...)", calls[1].TargetDescription);
    }

    [Fact]
    public void Appends_and_setitems_on_an_imported_object_are_mutations()
    {
        var data = new PickleBuilder().Proto(2).Global("sys", "path").Mark().ShortBinString("/tmp/evil").Appends().Pop()
            .Global("sys", "modules").ShortBinString("torch").Global("os", "path").SetItem().Stop().ToArray();
        var calls = Assert.Single(Walk(data).Streams).Calls;
        Assert.Equal([("sys.path", PickleCallKind.MutateGlobal), ("sys.modules", PickleCallKind.MutateGlobal)], calls.Select(c => (c.Target!.QualifiedName, c.Kind)));
    }

    [Fact]
    public void Several_streams_are_all_walked()
    {
        var one = new PickleBuilder().Proto(2).BinInt1(1).Stop().ToArray();
        var two = PickleBuilder.CallGlobal("os", "system", "id");
        var walk = Walk([.. one, .. two]);
        Assert.Equal(2, walk.Streams.Count);
        Assert.Equal(one.Length, walk.Streams[1].Start);
        Assert.Equal(one.Length + 2, walk.Streams[1].Globals[0].Offset);
    }

    [Fact]
    public void Junk_after_a_complete_stream_is_trailing_data_not_an_error()
    {
        var walk = Walk([.. PickleBuilder.CallGlobal("os", "system", "id"), 0x0a, 0x00, 0xff]);
        Assert.Single(walk.Streams);
        Assert.True(walk.TrailingData);
        Assert.Null(walk.Streams[0].Error);
    }

    [Fact]
    public void Legacy_torch_files_stop_after_five_pickles()
    {
        byte[] magic = [0x6c, 0xfc, 0x9c, 0x46, 0xf9, 0x20, 0x6a, 0xa8, 0x50, 0x19];
        var first = new PickleBuilder().Proto(2).Long1(magic).Stop().ToArray();
        var small = new PickleBuilder().Proto(2).BinInt1(1).Stop().ToArray();
        // Storage bytes after the fifth pickle would parse as a GLOBAL if the walker kept going.
        var storage = Encoding.ASCII.GetBytes("cos\nsystem\n.");
        var walk = Walk([.. first, .. small, .. small, .. small, .. small, .. storage]);
        Assert.True(walk.Streams[0].StartsWithTorchMagic);
        Assert.Equal(5, walk.Streams.Count);
        Assert.Empty(walk.Globals);
        Assert.True(walk.TrailingData);
    }

    [Fact]
    public void Raw_unicode_escape_is_decoded_for_unicode_opcode()
    {
        var data = new PickleBuilder().Unicode("o\\u0073").Unicode("system").StackGlobal().Stop().ToArray();
        Assert.Equal("os.system", Assert.Single(Walk(data).Globals).QualifiedName);
    }

    [Fact]
    public void Quoted_string_escapes_are_decoded()
    {
        var data = new PickleBuilder().String("'\\x6fs'").String("\"system\"").StackGlobal().Stop().ToArray();
        Assert.Equal("os.system", Assert.Single(Walk(data).Globals).QualifiedName);
    }

    [Fact]
    public void Invalid_utf8_in_global_is_a_structural_error()
    {
        var s = Assert.Single(Walk([(byte)'c', (byte)'m', (byte)'\n', 0xf8, (byte)'\n']).Streams);
        Assert.NotNull(s.Error);
        Assert.Contains("UTF-8", s.Error!.Message);
        Assert.Empty(s.Globals);
    }

    [Theory]
    [InlineData(new byte[] { 0x80, 0x02, (byte)'X', 0xff, 0xff, 0xff, 0x7f }, "truncated")]
    [InlineData(new byte[] { 0x80, 0x09 }, "unsupported pickle protocol")]
    [InlineData(new byte[] { 0x80, 0x02, 0xfe }, "unknown opcode 0xfe")]
    [InlineData(new byte[] { 0x80, 0x02, (byte)'K' }, "truncated")]
    public void Defects_are_reported_with_their_offset(byte[] data, string message)
    {
        var s = Assert.Single(Walk(data).Streams);
        Assert.NotNull(s.Error);
        Assert.Contains(message, s.Error!.Message);
        Assert.False(s.Complete);
    }

    [Fact]
    public void Huge_declared_lengths_are_rejected_before_allocating()
    {
        var data = new PickleBuilder().Proto(4).Raw(0x8e).Raw(0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x0f).Stop().ToArray();
        var s = Assert.Single(Walk(data).Streams);
        Assert.Contains("truncated", s.Error!.Message);
    }

    [Fact]
    public void Opcode_cap_stops_the_walk_as_a_limit()
    {
        var b = new PickleBuilder().Proto(2);
        for (var i = 0; i < 100; i++) b.None().Pop();
        var walk = PickleWalker.Walk(b.Stop().ToArray(), new PickleLimits { MaxOpcodes = 50 });
        Assert.True(walk.Streams[0].Error?.LimitExceeded);
    }

    [Fact]
    public void Pickle_like_constants_are_kept_as_nested_candidates()
    {
        var inner = PickleBuilder.CallGlobal("os", "system", "id");
        var data = new PickleBuilder().Proto(3).Global("pickle", "loads").BinBytes(inner).Tuple1().Reduce()
            .BinUnicode(Convert.ToBase64String(inner)).Pop().BinUnicode(Convert.ToHexString(inner)).Pop()
            .BinUnicode("an ordinary sentence of text.").Pop().Stop().ToArray();
        var blobs = Assert.Single(Walk(data).Streams).Blobs;
        Assert.Equal(3, blobs.Count);
        Assert.Equal(inner, blobs[0].Data);
    }

    [Fact]
    public void Stock_torch_state_dict_walks_cleanly()
    {
        var s = Assert.Single(Walk(PickleBuilder.TorchStateDict()).Streams);
        Assert.True(s.Complete);
        Assert.Empty(s.Anomalies);
        Assert.Equal(["collections.OrderedDict", "torch._utils._rebuild_tensor_v2", "torch.FloatStorage", "collections.OrderedDict"],
            s.Globals.Select(g => g.QualifiedName));
    }

    [Fact]
    public void Walks_a_non_seekable_stream()
    {
        using var pipe = new NonSeekable(PickleBuilder.StackGlobalCall("os", "system", "id"));
        Assert.Equal("os.system", Assert.Single(PickleWalker.Walk(pipe, -1).Globals).QualifiedName);
    }

    [Fact]
    public void Joblib_inline_array_data_is_skipped()
    {
        // 6 float64 values whose bytes would otherwise be read as opcodes ('c' = GLOBAL).
        var data = PickleBuilder.JoblibArray("f8", 6, Enumerable.Repeat((byte)'c', 48).ToArray());
        var s = Assert.Single(PickleWalker.Walk(data).Streams);
        Assert.Null(s.Error);
        Assert.True(s.Complete);
        Assert.DoesNotContain(s.Globals, g => g.Module == "ccc");
    }

    [Fact]
    public void Joblib_object_array_pickle_is_walked_inline()
    {
        var data = PickleBuilder.JoblibArray("O8", 1, PickleBuilder.CallGlobal("os", "system", "id"));
        var s = Assert.Single(PickleWalker.Walk(data).Streams);
        Assert.Null(s.Error);
        Assert.Contains(s.Globals, g => g.QualifiedName == "os.system");
    }

    [Fact]
    public void Joblib_array_of_unknown_size_is_a_defect_not_a_guess()
    {
        var data = PickleBuilder.JoblibArray("V", 2, new byte[8]);
        Assert.Contains("joblib array data of unknown size", Assert.Single(PickleWalker.Walk(data).Streams).Error!.Message);
    }

    private sealed class NonSeekable(byte[] data) : MemoryStream(data)
    {
        public override bool CanSeek => false;
    }
}
