using System.Text;
using Obliviate.Formats.Pickle;
using Obliviate.Tests.Fixtures;

namespace Obliviate.Formats.Tests.Pickle;

public sealed class NestedPickleDecoderTests
{
    private static readonly byte[] Payload = PickleBuilder.CallGlobal("os", "system", "id");

    [Fact]
    public void Raw_base64_urlsafe_and_hex_encodings_are_decoded()
    {
        Assert.Equal(("raw", Payload), Assert.Single(NestedPickleDecoder.Decode(Payload)));
        var b64 = Encoding.ASCII.GetBytes(Convert.ToBase64String(Payload));
        Assert.Equal(Payload, Assert.Single(NestedPickleDecoder.Decode(b64), d => d.Encoding == "base64").Data);
        var url = Encoding.ASCII.GetBytes(Convert.ToBase64String(Payload).Replace('+', '-').Replace('/', '_').TrimEnd('='));
        Assert.Equal(Payload, Assert.Single(NestedPickleDecoder.Decode(url), d => d.Encoding == "base64").Data);
        var hex = Encoding.ASCII.GetBytes(Convert.ToHexStringLower(Payload));
        Assert.Equal(Payload, Assert.Single(NestedPickleDecoder.Decode(hex), d => d.Encoding == "hex").Data);
    }

    [Theory]
    [InlineData("The quick brown fox jumps.")]
    [InlineData("deadbeefdeadbeef")]
    [InlineData("SGVsbG8gd29ybGQgaGVsbG8=")]
    public void Text_that_does_not_decode_to_a_pickle_is_ignored(string text) =>
        Assert.Empty(NestedPickleDecoder.Decode(Encoding.ASCII.GetBytes(text)));

    [Fact]
    public void Protocol_zero_text_pickles_are_recognised() =>
        Assert.True(NestedPickleDecoder.StartsLikePickle("cos\nsystem\n(S'id'\ntR."u8));
}
