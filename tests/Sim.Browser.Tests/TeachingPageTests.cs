using Sim.Tests.Shared;
using System.Buffers.Binary;
using Sim.Cli;
using Sim.Tracing.Recording;
using Xunit.Abstractions;

namespace Sim.Browser.Tests;

/// <summary>
/// The step-through page of the teaching scenario <c>scenarios/teaching/one-request-kvm.yaml</c>, written by
/// <c>sim explain --html</c> and opened in chromium: stepping forward until the used ring's idx becomes 1 shows the
/// used element the device wrote, the same id and len as the run's trace records.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class TeachingPageTests(BrowserSession browser, ITestOutputHelper output) : IDisposable
{
    private const string UsedIdx = "[data-region$=\"q0/used\"] [data-field=\"idx\"]";
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("virtiosim-teaching-");

    [Fact]
    public async Task Stepping_one_request_on_kvm_shows_the_used_element_of_the_trace()
    {
        string scenario = Path.Combine(RepositoryPaths.Root(), "scenarios/teaching/one-request-kvm.yaml");
        string html = Path.Combine(_folder.FullName, "one-request-kvm.html");
        string trace = Path.Combine(_folder.FullName, "one-request-kvm.trace");
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        Assert.Equal(0, await CliApp.InvokeAsync(["explain", scenario, "--html", html], stdout, stderr));
        Assert.Equal(0, await CliApp.InvokeAsync(["run", scenario, "--trace", trace, "--out", Path.Combine(_folder.FullName, "run")], stdout, stderr));
        var (id, len) = FirstUsedElement(trace);

        await using ReportPage page = await ReportPage.OpenAsync(browser, html);
        var p = page.Page;
        Assert.Empty(page.Problems);
        Assert.Equal("0", await p.Locator(UsedIdx).InnerTextAsync());
        int steps = await p.Locator("#timeline circle.mark").CountAsync();
        int presses = 0;
        while ((await p.Locator(UsedIdx).InnerTextAsync()).Trim() != "1")
        {
            Assert.True(presses < steps, $"the used ring's idx never became 1 in {steps} steps");
            await p.Keyboard.PressAsync(presses % 2 == 0 ? "ArrowRight" : "n");
            presses++;
        }
        Assert.Equal(id.ToString(System.Globalization.CultureInfo.InvariantCulture), (await p.Locator("[data-region$=\"q0/used\"] [data-field=\"used-id\"][data-entry=\"0\"]").InnerTextAsync()).Trim());
        Assert.Equal(len.ToString(System.Globalization.CultureInfo.InvariantCulture), (await p.Locator("[data-region$=\"q0/used\"] [data-field=\"used-len\"][data-entry=\"0\"]").InnerTextAsync()).Trim());
        Assert.Equal(4097u, len); // 4 KiB read into the data buffer and the status byte
        Assert.Contains("used idx of driver/q0: 0 → 1", await p.Locator("#n-text").InnerTextAsync());
        await page.ScreenshotAsync(output);
        Assert.Empty(page.Problems);
    }

    [Theory]
    [InlineData("one-request-xen.yaml", "[data-field=\"grant-flags\"]", "permit_access")]
    [InlineData("iommu-lazy-stale.yaml", "[data-field=\"iommu-type\"]", "MAP")]
    [InlineData("window-bounce.yaml", "[data-field=\"window-summary\"]", "slots written")]
    public async Task Every_teaching_page_loads_cleanly_and_decodes_its_mechanism(string file, string field, string expected)
    {
        string html = Path.Combine(_folder.FullName, Path.ChangeExtension(file, ".html"));
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        Assert.Equal(0, await CliApp.InvokeAsync(["explain", Path.Combine(RepositoryPaths.Root(), "scenarios/teaching", file), "--html", html], stdout, stderr));

        await using ReportPage page = await ReportPage.OpenAsync(browser, html);
        await page.Page.Keyboard.PressAsync("End");
        Assert.Empty(page.Problems);
        var cells = await page.Page.Locator(field).AllInnerTextsAsync();
        Assert.Contains(cells, text => text.Contains(expected, StringComparison.Ordinal));
        await page.ScreenshotAsync(output, test: $"Teaching_{Path.GetFileNameWithoutExtension(file)}");
    }

    [Theory]
    [InlineData("one-touch-report.yaml", "--requests 1 --until 101ms", "[data-region$=\"driver/events\"] [data-field=\"code\"]", "ABS_MT_POSITION_X")]
    [InlineData("one-rpmb-write.yaml", "--requests 3 --until 20ms", "[data-region$=\"driver/response\"] [data-field=\"req_resp\"]", "RESP_DATA_WRITE")]
    [InlineData("one-i2c-read.yaml", "--requests 2", "[data-region$=\"slot0/out-hdr\"] [data-field=\"address\"]", "0x48")]
    [InlineData("one-gpio-irq.yaml", "--requests 6 --until 3ms", "[data-region$=\"slot3/request\"] [data-field=\"type\"]", "GET_VALUE")]
    [InlineData("one-sound-period.yaml", "--requests 5 --until 10ms", "[data-region$=\"tx0/status\"] [data-field=\"status\"]", "OK")]
    [InlineData("one-gpu-frame.yaml", "--requests 12 --until 40ms", "[data-region$=\"slot3/request\"] [data-field=\"type\"]", "RESOURCE_FLUSH")]
    public async Task Every_device_page_decodes_its_buffers_by_their_layouts(string file, string options, string field, string expected)
    {
        string html = Path.Combine(_folder.FullName, Path.ChangeExtension(file, ".html"));
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        string[] args = ["explain", Path.Combine(RepositoryPaths.Root(), "scenarios/teaching", file), .. options.Split(' '), "--html", html];
        Assert.Equal(0, await CliApp.InvokeAsync(args, stdout, stderr));

        await using ReportPage page = await ReportPage.OpenAsync(browser, html);
        await page.Page.Keyboard.PressAsync("End");
        Assert.Empty(page.Problems);
        var cells = await page.Page.Locator(field).AllInnerTextsAsync();
        Assert.Contains(cells, text => text.Contains(expected, StringComparison.Ordinal));
        await page.ScreenshotAsync(output, test: $"Teaching_{Path.GetFileNameWithoutExtension(file)}_buffers");
    }

    [Fact]
    public async Task The_xen_page_shows_what_the_ledgers_charged_at_the_kick_and_the_unmap_batch()
    {
        string html = Path.Combine(_folder.FullName, "one-request-xen.html");
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        Assert.Equal(0, await CliApp.InvokeAsync(["explain", Path.Combine(RepositoryPaths.Root(), "scenarios/teaching/one-request-xen.yaml"), "--html", html], stdout, stderr));

        await using ReportPage page = await ReportPage.OpenAsync(browser, html);
        var p = page.Page;
        int steps = await p.Locator("#timeline circle.mark").CountAsync();
        async Task StepUntil(string text)
        {
            for (int presses = 0; !(await p.Locator("#n-text").InnerTextAsync()).Contains(text, StringComparison.Ordinal); presses++)
            {
                Assert.True(presses < steps, $"no step says \"{text}\"");
                await p.Keyboard.PressAsync("ArrowRight");
            }
        }

        await StepUntil("is true: kick");
        Assert.Equal("kick", (await p.Locator("#n-kind").InnerTextAsync()).Trim());
        Assert.EndsWith(" ns", (await p.Locator("#n-cost").InnerTextAsync()).Trim(), StringComparison.Ordinal);
        string source = await p.Locator("#n-source").InnerTextAsync();
        Assert.Contains("driver xen.ioreq.roundTrip ", source);
        Assert.Contains("driver xen.ioreq.toBackend 1 x: ", source);

        await StepUntil("grant unmap(s)");
        Assert.EndsWith(" ns", (await p.Locator("#n-cost").InnerTextAsync()).Trim(), StringComparison.Ordinal);
        source = await p.Locator("#n-source").InnerTextAsync();
        Assert.Contains("backend xen.tlbFlush.local 1 x: ", source);
        Assert.Contains("backend xen.tlbFlush.ipi 3 x: ", source);
        await page.ScreenshotAsync(output);
        Assert.Empty(page.Problems);
    }

    /// <summary>The used ring's first element when its idx first becomes 1, rebuilt from the trace's writes.</summary>
    private static (uint Id, uint Len) FirstUsedElement(string trace)
    {
        var (header, records) = TraceReader.ReadFile(trace);
        int region = header.Regions.ToList().FindIndex(r => r.Name == "kvm/blk0/driver/q0/used");
        Assert.True(region >= 0, "the trace has the used ring of kvm/blk0");
        var used = header.Regions[region];
        var bytes = new byte[used.Length];
        foreach (var write in records.OfType<TraceWrite>().Where(w => w.Region == region))
        {
            write.Bytes.CopyTo(bytes, (int)(write.Address - used.Start));
            if (BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(2)) == 1)
                return (BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(4)), BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(8)));
        }
        throw new InvalidOperationException("the trace never sets the used idx to 1");
    }

    /// <summary>Removes the temporary folder.</summary>
    public void Dispose() => _folder.Delete(recursive: true);
}
