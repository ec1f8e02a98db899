namespace Archive.Browser.Tests;

public sealed class ChromiumRequirementTests
{
    [Fact]
    public void Without_chromium_the_browser_tests_fail_saying_how_to_install_it()
    {
        var missing = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"), "chromium");
        var error = Assert.Throws<InvalidOperationException>(() => BrowserFixture.RequireChromium(missing));
        Assert.Contains(missing, error.Message, StringComparison.Ordinal);
        Assert.Contains("scripts/bootstrap.sh", error.Message, StringComparison.Ordinal);
        BrowserFixture.RequireChromium(BrowserFixture.ChromiumPath);
    }
}

public sealed class ReplayClientRequirementTests
{
    [Fact]
    public void Without_the_replay_client_the_replay_tests_fail_saying_how_to_fetch_it()
    {
        var missing = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"));
        var error = Assert.Throws<InvalidOperationException>(() => ReplayClient.Require(missing));
        Assert.Contains(missing, error.Message, StringComparison.Ordinal);
        Assert.Contains("ui.js, sw.js, index.html", error.Message, StringComparison.Ordinal);
        Assert.Contains("scripts/bootstrap.sh", error.Message, StringComparison.Ordinal);
        ReplayClient.Require(ReplayClient.Folder);
    }
}
