using Archive.Core.Memento;
using Archive.Core.Urls;

namespace Archive.Core.Tests.Memento;

public sealed class MementoTests
{
    private static readonly DateTimeOffset First = new(2024, 12, 8, 5, 11, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Second = new(2024, 12, 8, 9, 30, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Third = new(2024, 12, 9, 7, 0, 0, TimeSpan.Zero);
    private static readonly IReadOnlyList<MementoEntry> Mementos = [new(1, First), new(2, Second), new(3, Third)];

    public static TheoryData<string, int> Negotiations => new()
    {
        { "Sat, 01 Jan 2000 00:00:00 GMT", 1 },   // before the first: the first
        { "Sun, 08 Dec 2024 05:11:00 GMT", 1 },   // exactly the first
        { "Sun, 08 Dec 2024 09:29:59 GMT", 1 },   // between: the one current then
        { "Sun, 08 Dec 2024 09:30:00 GMT", 2 },
        { "Sun, 08 Dec 2024 23:00:00 GMT", 2 },
        { "Fri, 01 Jan 2100 00:00:00 GMT", 3 },   // after the last: the last
    };

    [Theory]
    [MemberData(nameof(Negotiations))]
    public void The_timegate_picks_the_version_current_at_the_time(string acceptDatetime, int expected)
    {
        Assert.True(LinkFormat.TryParseHttpDate(acceptDatetime, out var wanted));
        Assert.Equal(expected, MementoService.Select(Mementos, wanted).Number);
    }

    [Fact]
    public void Without_accept_datetime_the_timegate_picks_the_latest() =>
        Assert.Equal(3, MementoService.Select(Mementos, null).Number);

    [Theory]
    [InlineData("yesterday")]
    [InlineData("2024-12-08T05:11:00Z")]
    [InlineData("")]
    public void Accept_datetime_must_be_an_http_date(string value) =>
        Assert.False(LinkFormat.TryParseHttpDate(value, out _));

    [Fact]
    public void Memento_datetimes_are_whole_seconds() =>
        Assert.Equal(First, MementoService.ToSecond(First.AddMilliseconds(999)));

    [Fact]
    public void The_timemap_lists_original_self_timegate_and_every_memento()
    {
        var original = UrlCanonicalizer.Canonicalize("https://news.example/story");
        var history = new MementoHistory(ArticleId.For(original), original, Mementos);
        var links = new MementoLinks(original.Value, new Uri("https://a.example/tg?url=x"), new Uri("https://a.example/tm?url=x"), n => new Uri($"https://a.example/m/{n}"));
        var lines = LinkFormat.TimeMap(history, links).TrimEnd('\n').Split(",\n");
        Assert.Equal(
            [
                "<https://news.example/story>; rel=\"original\"",
                "<https://a.example/tm?url=x>; rel=\"self\"; type=\"application/link-format\"; from=\"Sun, 08 Dec 2024 05:11:00 GMT\"; until=\"Mon, 09 Dec 2024 07:00:00 GMT\"",
                "<https://a.example/tg?url=x>; rel=\"timegate\"",
                "<https://a.example/m/1>; rel=\"first memento\"; datetime=\"Sun, 08 Dec 2024 05:11:00 GMT\"",
                "<https://a.example/m/2>; rel=\"memento\"; datetime=\"Sun, 08 Dec 2024 09:30:00 GMT\"",
                "<https://a.example/m/3>; rel=\"last memento\"; datetime=\"Mon, 09 Dec 2024 07:00:00 GMT\"",
            ],
            lines);

        var single = LinkFormat.TimeMap(history with { Mementos = [Mementos[0]] }, links);
        Assert.Contains("<https://a.example/m/1>; rel=\"first last memento\"", single, StringComparison.Ordinal);
    }
}
