using Microsoft.Playwright;

namespace Sim.Browser.Tests;

/// <summary>
/// One headless chromium (Debian's <c>/usr/bin/chromium</c>, installed by <c>./test.sh</c>) shared by every test of the
/// <see cref="BrowserCollection"/>; each test opens its own context and page from it. When the browser cannot start
/// (chromium missing, driver missing) nothing throws here: every test that asks for a page fails with the reason, so
/// the browser tests fail, loudly and each with the fix, rather than being skipped.
/// </summary>
public sealed class BrowserSession : IAsyncLifetime
{
    /// <summary>The browser the tests drive: Debian's chromium, never a downloaded one.</summary>
    public const string ChromiumPath = "/usr/bin/chromium";

    /// <summary>The width pages are laid out (and screenshots taken) at: a common laptop screen.</summary>
    public const int ViewportWidth = 1400;

    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private Exception? _startFailure;

    /// <summary>Starts Playwright and launches chromium; a failure is kept for <see cref="NewPageAsync"/> to report.</summary>
    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            _startFailure = new InvalidOperationException(
                $"{ChromiumPath} is missing: the browser tests need Debian's chromium. Run ./test.sh, which installs it with apt-get (or: apt-get install chromium).");
            return;
        }
        try
        {
            PlaywrightDriver.Configure();
        }
        catch (InvalidOperationException e)
        {
            _startFailure = e;
            return;
        }
        try
        {
            _playwright = await Playwright.CreateAsync();
            _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = ChromiumPath,
                Headless = true,
                Timeout = 60_000,
                // Playwright adds --no-sandbox by default (needed as root). The rest keep chromium off the network
                // and quiet: a report page must not need one.
                Args = ["--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
            });
        }
        catch (Exception e)
        {
            _startFailure = new InvalidOperationException(
                $"Could not start {ChromiumPath} through Playwright ({e.Message.TrimEnd('.', ' ', '\n')}). Run ./test.sh, which installs chromium and the fonts it needs.", e);
        }
    }

    /// <summary>A fresh page in its own browser context (so cookies, storage and listeners never leak between tests).</summary>
    public async Task<IPage> NewPageAsync()
    {
        if (_startFailure is not null) throw new InvalidOperationException(_startFailure.Message, _startFailure.InnerException);
        IBrowserContext context = await _browser!.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = ViewportWidth, Height = 900 } });
        return await context.NewPageAsync();
    }

    /// <summary>Closes the browser and stops the Playwright driver.</summary>
    public async Task DisposeAsync()
    {
        if (_browser is not null) await _browser.DisposeAsync();
        _playwright?.Dispose();
    }
}

/// <summary>The browser tests: one <see cref="BrowserSession"/> for all of them.</summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserSession>
{
    /// <summary>The collection's name, for <c>[Collection(BrowserCollection.Name)]</c>.</summary>
    public const string Name = "Browser";
}
