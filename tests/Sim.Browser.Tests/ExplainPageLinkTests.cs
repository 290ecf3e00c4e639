using Microsoft.Playwright;
using Sim.Tracing.Explaining;
using Xunit.Abstractions;

namespace Sim.Browser.Tests;

/// <summary>
/// The explain page names its step in the address (<c>#step=N</c>): stepping updates it, a page opened or reloaded
/// with it shows that step, and editing it moves there; the opening paragraph names the first kick with a link, and the
/// timeline labels times between its ends.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ExplainPageLinkTests(BrowserSession browser, ITestOutputHelper output) : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("virtiosim-explain-link-");

    [Fact]
    public async Task The_address_names_the_step_and_a_link_to_a_step_opens_it()
    {
        string file = Path.Combine(_folder.FullName, "explain.html");
        File.WriteAllText(file, ExplainPage.Write(ExplainPageTests.OneRequest()));

        await using ReportPage page = await ReportPage.OpenAsync(browser, file);
        IPage p = page.Page;
        Assert.Empty(page.Problems);
        Assert.StartsWith("step 1 of 12", await p.InnerTextAsync("#step-label"), StringComparison.Ordinal);

        await p.ClickAsync("#next");
        await p.ClickAsync("#next");
        Assert.Equal("#step=3", await p.EvaluateAsync<string>("() => location.hash"));
        Assert.Equal("#step=3", await p.GetAttributeAsync("#step-link", "href"));

        await p.ReloadAsync();
        Assert.StartsWith("step 3 of 12", await p.InnerTextAsync("#step-label"), StringComparison.Ordinal);

        await p.EvaluateAsync("() => { location.hash = '#step=7'; }");
        await p.WaitForFunctionAsync("() => document.getElementById('step-label').textContent.startsWith('step 7 of 12')");

        string intro = await p.InnerTextAsync("#intro");
        Assert.StartsWith("12 steps from", intro, StringComparison.Ordinal);
        Assert.Contains("The first kick reaches", intro, StringComparison.Ordinal);
        await p.ClickAsync("#intro a[data-step-link]");
        string linked = await p.GetAttributeAsync("#intro a[data-step-link]", "href") ?? "";
        await p.WaitForFunctionAsync($"() => document.getElementById('step-label').textContent.startsWith('step {linked["#step=".Length..]} of 12')");
        Assert.True(await p.Locator("#timeline .axis-label").CountAsync() >= 2, "the timeline labels at least its two ends");
        await page.ScreenshotAsync(output);
    }

    /// <summary>Removes the temporary folder.</summary>
    public void Dispose() => _folder.Delete(recursive: true);
}
