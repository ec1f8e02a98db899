using Archive.Core.Verification;

namespace Archive.Core.Tests.Verification;

public sealed class PassageMatcherTests
{
    [Fact]
    public void Finds_the_stretch_most_like_the_passage()
    {
        var text = "The rebels entered Damascus on Sunday. The army withdrew roughly 25 kilometres from the capital. Hezbollah left Homs.";
        var closest = PassageMatcher.Closest("The army withdrew roughly 10 kilometres from the capital.", text);
        Assert.NotNull(closest);
        Assert.Equal(8.0 / 9, closest.Value.Similarity, 3);
        Assert.Contains("25 kilometres", closest.Value.Excerpt, StringComparison.Ordinal);
    }

    [Fact]
    public void Answers_null_when_nothing_is_shared() =>
        Assert.Null(PassageMatcher.Closest("entirely different words", "nothing in common here"));
}
