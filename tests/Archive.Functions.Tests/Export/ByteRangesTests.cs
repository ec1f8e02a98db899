using Archive.Functions.Http;

namespace Archive.Functions.Tests.Export;

public sealed class ByteRangesTests
{
    private const string Tag = "\"abc\"";

    // Range header, If-Range, file length → outcome, first byte, byte count.
    public static readonly TheoryData<string?, string?, long, RangeOutcome, long, long> Cases = new()
    {
        { null, null, 1000, RangeOutcome.Whole, 0, 1000 },
        { "", null, 1000, RangeOutcome.Whole, 0, 1000 },
        { "bytes=0-99", null, 1000, RangeOutcome.Partial, 0, 100 },
        { "BYTES=0-99", null, 1000, RangeOutcome.Partial, 0, 100 },
        { "bytes= 10 - 19 ", null, 1000, RangeOutcome.Partial, 10, 10 },
        { "bytes=990-", null, 1000, RangeOutcome.Partial, 990, 10 },
        { "bytes=990-5000", null, 1000, RangeOutcome.Partial, 990, 10 },
        { "bytes=999-999", null, 1000, RangeOutcome.Partial, 999, 1 },
        { "bytes=-100", null, 1000, RangeOutcome.Partial, 900, 100 },
        { "bytes=-5000", null, 1000, RangeOutcome.Partial, 0, 1000 },
        { "bytes=0-99999999999999999999", null, 1000, RangeOutcome.Partial, 0, 1000 },

        // Past the end: 416.
        { "bytes=1000-", null, 1000, RangeOutcome.Unsatisfiable, 0, 0 },
        { "bytes=1000-2000", null, 1000, RangeOutcome.Unsatisfiable, 0, 0 },
        { "bytes=99999999999999999999-", null, 1000, RangeOutcome.Unsatisfiable, 0, 0 },
        { "bytes=-0", null, 1000, RangeOutcome.Unsatisfiable, 0, 0 },
        { "bytes=-10", null, 0, RangeOutcome.Unsatisfiable, 0, 0 },
        { "bytes=0-", null, 0, RangeOutcome.Unsatisfiable, 0, 0 },

        // Malformed, several ranges, another unit: ignored, the whole file.
        { "bytes=abc", null, 1000, RangeOutcome.Whole, 0, 1000 },
        { "bytes=5-1", null, 1000, RangeOutcome.Whole, 0, 1000 },
        { "bytes=-", null, 1000, RangeOutcome.Whole, 0, 1000 },
        { "bytes=1", null, 1000, RangeOutcome.Whole, 0, 1000 },
        { "bytes=+1-2", null, 1000, RangeOutcome.Whole, 0, 1000 },
        { "bytes=0-1,5-6", null, 1000, RangeOutcome.Whole, 0, 1000 },
        { "items=0-1", null, 1000, RangeOutcome.Whole, 0, 1000 },
        { "0-99", null, 1000, RangeOutcome.Whole, 0, 1000 },

        // If-Range: the range only when it names this file.
        { "bytes=0-99", Tag, 1000, RangeOutcome.Partial, 0, 100 },
        { "bytes=0-99", "\"other\"", 1000, RangeOutcome.Whole, 0, 1000 },
        { "bytes=0-99", "W/\"abc\"", 1000, RangeOutcome.Whole, 0, 1000 },
        { "bytes=0-99", "Sun, 08 Dec 2024 05:11:00 GMT", 1000, RangeOutcome.Whole, 0, 1000 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_range_is_served_refused_or_ignored(string? range, string? ifRange, long length, RangeOutcome outcome, long start, long count)
    {
        var answer = ByteRanges.Evaluate(range, ifRange, length, Tag);
        Assert.Equal((outcome, start, count), (answer.Outcome, answer.Start, answer.Length));
    }

    [Fact]
    public void Content_range_names_the_bytes_sent_or_only_the_length()
    {
        Assert.Equal("bytes 0-99/1000", ByteRanges.ContentRange(ByteRanges.Evaluate("bytes=0-99", null, 1000, Tag), 1000));
        Assert.Equal("bytes 900-999/1000", ByteRanges.ContentRange(ByteRanges.Evaluate("bytes=-100", null, 1000, Tag), 1000));
        Assert.Equal("bytes */1000", ByteRanges.ContentRange(ByteRanges.Evaluate("bytes=1000-", null, 1000, Tag), 1000));
    }
}
