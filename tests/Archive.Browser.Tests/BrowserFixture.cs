using Archive.Local;
using Archive.Testing;
using Microsoft.Playwright;

namespace Archive.Browser.Tests;

/// <summary>
/// Debian's Chromium driven by Playwright, against the Functions app in the local runner over Azurite, with a local
/// page server as the publisher. Everything listens on 127.0.0.1; nothing is downloaded.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    /// <summary>Where the system browser lives (Debian's <c>chromium</c> package; scripts/bootstrap.sh installs it).</summary>
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? _playwright;

    public LocalRunner Runner { get; private set; } = null!;

    public PageServer Pages => Runner.Pages;

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>Where screenshots are saved: <c>TestResults/screenshots/</c> beside the test assembly.</summary>
    public static string ScreenshotFolder { get; } = Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots");

    public async Task InitializeAsync()
    {
        RequireChromium(ChromiumPath);

        Directory.CreateDirectory(ScreenshotFolder);
        Runner = await LocalRunner.StartAsync();
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    /// <summary>A missing browser is a failure with a reason, never a silent skip.</summary>
    public static void RequireChromium(string path)
    {
        if (!File.Exists(path))
        {
            throw new InvalidOperationException(
                $"Chromium is not installed at {path}: the browser tests cannot run. Run scripts/bootstrap.sh (it runs 'apt-get install -y chromium').");
        }
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
        if (Runner is not null)
        {
            await Runner.DisposeAsync();
        }
    }

    /// <summary>A new page in a fresh context (phone-sized when asked), recording every dialog it opens.</summary>
    public async Task<(IPage Page, List<string> Dialogs)> NewPageAsync(bool phone = false)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Runner.Host.BaseAddress.AbsoluteUri,
            ViewportSize = phone ? new ViewportSize { Width = 390, Height = 844 } : new ViewportSize { Width = 1280, Height = 900 },
        });
        var page = await context.NewPageAsync();
        var dialogs = new List<string>();
        page.Dialog += async (_, dialog) =>
        {
            lock (dialogs)
            {
                dialogs.Add($"{dialog.Type}: {dialog.Message}");
            }

            await dialog.DismissAsync();
        };
        return (page, dialogs);
    }

    /// <summary>Saves a full-page screenshot under <see cref="ScreenshotFolder"/>.</summary>
    public static async Task ScreenshotAsync(IPage page, string name)
    {
        ArgumentNullException.ThrowIfNull(page);
        var path = Path.Combine(ScreenshotFolder, name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        Assert.True(new FileInfo(path).Length > 1000, $"The screenshot {path} is empty.");
    }
}
