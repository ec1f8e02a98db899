using System.Text;
using Archive.Core.Hashing;

namespace Archive.Core.Tests.Hashing;

public sealed class ContentHashTests
{
    [Fact]
    public void Matches_known_sha256_vectors()
    {
        Assert.Equal("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", ContentHash.Of([]).Hex);
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", ContentHash.Of("abc"u8).Hex);
        Assert.Equal(ContentHash.Of(Encoding.UTF8.GetBytes("Damascus – ü")), ContentHash.OfText("Damascus – ü"));
    }

    [Fact]
    public async Task Hashes_streams_like_bytes()
    {
        var bytes = new byte[300_000];
        new Random(7).NextBytes(bytes);
        using var stream = new MemoryStream(bytes);
        Assert.Equal(ContentHash.Of(bytes), await ContentHash.OfStreamAsync(stream));
    }

    [Theory]
    [InlineData("BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD")]
    [InlineData("sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")]
    [InlineData("  ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad ")]
    public void Parses_common_spellings(string value)
    {
        Assert.True(ContentHash.TryParse(value, out var hash));
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", hash.Hex);
    }

    [Theory]
    [InlineData("ba7816bf")]
    [InlineData("zz7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")]
    [InlineData("md5:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")]
    [InlineData(null)]
    public void Refuses_anything_else(string? value) => Assert.False(ContentHash.TryParse(value, out _));
}
