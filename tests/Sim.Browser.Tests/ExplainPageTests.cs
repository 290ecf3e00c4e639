using System.Buffers.Binary;
using Microsoft.Playwright;
using Sim.Tracing.Explaining;
using Xunit.Abstractions;

namespace Sim.Browser.Tests;

/// <summary>
/// The <c>sim explain</c> page of one virtio-blk request on a KVM split ring of size 8, written by
/// <see cref="ExplainPage"/> and stepped through in chromium: it loads cleanly offline, the used ring's idx and entry
/// appear when the backend writes them and go away when stepping back, and the jump box and keys move between steps.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ExplainPageTests(BrowserSession browser, ITestOutputHelper output) : IDisposable
{
    private const string Driver = "kvm/blk0/driver";
    private const string Platform = "kvm/blk0/platform";
    private const string Backend = "kvm/blk0/backend";
    private const string UsedIdx = "[data-region$=\"used\"] [data-field=\"idx\"]";

    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("virtiosim-explain-");

    [Fact]
    public async Task Stepping_through_one_request_shows_the_used_ring_fill_and_empty_again()
    {
        ExplainedRun run = OneRequest();
        string file = Path.Combine(_folder.FullName, "explain.html");
        File.WriteAllText(file, ExplainPage.Write(run));

        await using ReportPage page = await ReportPage.OpenAsync(browser, file);
        IPage p = page.Page;
        Assert.Empty(page.Problems);
        Assert.Equal("step 1 of 12, t = 0.000 \u00b5s", await Text(p, "#step-label"));
        Assert.Equal(12, await p.Locator("#timeline circle.mark").CountAsync());
        Assert.Equal(3, await p.Locator("#timeline g.arrow").CountAsync());
        Assert.Equal("0", await Text(p, UsedIdx));
        Assert.Equal("0x20000", await Text(p, "[data-region$=\"desc\"] [data-field=\"desc-addr\"][data-entry=\"0\"]"));
        Assert.Equal("NEXT", await Text(p, "[data-region$=\"desc\"] [data-field=\"desc-flags\"][data-entry=\"0\"]"));
        Assert.Contains("changed", await p.Locator("[data-region$=\"desc\"] [data-field=\"desc-len\"][data-entry=\"0\"]").GetAttributeAsync("class") ?? "");

        int presses = 0;
        while (await Text(p, UsedIdx) != "1")
        {
            Assert.True(presses < run.Steps.Count, $"the used ring's idx never became 1 after {presses} presses of Next");
            await p.ClickAsync("#next");
            presses++;
        }
        Assert.Equal(9, presses); // the step that writes used idx = 1 is the tenth
        Assert.Equal("step 10 of 12, t = 9.100 \u00b5s", await Text(p, "#step-label"));
        Assert.Equal("0", await Text(p, "[data-field=\"used-id\"][data-entry=\"0\"]"));
        Assert.Equal("4097", await Text(p, "[data-field=\"used-len\"][data-entry=\"0\"]"));
        Assert.Contains("changed", await p.Locator(UsedIdx).GetAttributeAsync("class") ?? "");
        Assert.Equal("1", await Text(p, "[data-region$=\"avail\"] [data-field=\"idx\"]"));
        Assert.Equal("1", await Text(p, "#counters [data-counter=\"kicks\"]"));
        Assert.Equal("0", await Text(p, "#counters [data-counter=\"interrupts\"]"));
        await page.ScreenshotAsync(output); // the step that publishes the completion, highlighted

        await p.Keyboard.PressAsync("ArrowLeft");
        Assert.Equal("0", await Text(p, UsedIdx));
        Assert.Equal("4097", await Text(p, "[data-field=\"used-len\"][data-entry=\"0\"]")); // written one step earlier
        Assert.StartsWith("step 9 of 12", await Text(p, "#step-label"), StringComparison.Ordinal);

        await p.FillAsync("#jump", "0");
        await p.ClickAsync("#go");
        Assert.StartsWith("step 1 of 12", await Text(p, "#step-label"), StringComparison.Ordinal);
        Assert.Equal("0", await Text(p, "[data-region$=\"avail\"] [data-field=\"idx\"]"));

        await p.FillAsync("#jump", "9.05");
        await p.PressAsync("#jump", "Enter");
        Assert.Equal("step 9 of 12, t = 9.000 \u00b5s", await Text(p, "#step-label"));

        await p.ClickAsync("#timeline circle.mark[data-step=\"5\"]");
        Assert.StartsWith("step 6 of 12", await Text(p, "#step-label"), StringComparison.Ordinal);
        Assert.Equal("kick", await Text(p, "#n-kind"));
        Assert.Contains("vring_need_event", await Text(p, "#n-text"), StringComparison.Ordinal);
        Assert.Equal("150 ns", await Text(p, "#n-cost"));

        await p.Keyboard.PressAsync("End");
        Assert.StartsWith("step 12 of 12", await Text(p, "#step-label"), StringComparison.Ordinal);
        Assert.Equal("1", await Text(p, "#counters [data-counter=\"interrupts\"]"));
        Assert.Equal("NEXT|WRITE", await Text(p, "[data-region$=\"desc\"] [data-field=\"desc-flags\"][data-entry=\"1\"]"));
        Assert.True(await p.Locator("#next").IsDisabledAsync(), "Next is enabled on the last step");
        Assert.Empty(page.Problems);
    }

    [Fact]
    public async Task A_run_with_no_steps_and_an_unknown_region_kind_loads_cleanly()
    {
        var run = new ExplainedRun("empty", 7, "xen/net0", ["xen/net0/driver"],
            [new ExplainedRegion("dom1/mystery", "not-a-kind", 0x8000, 32, 0), new ExplainedRegion("dom1/grant-table", "grant-table", 0x9000, 64, 0)],
            []);
        string file = Path.Combine(_folder.FullName, "empty.html");
        File.WriteAllText(file, ExplainPage.Write(run));

        await using ReportPage page = await ReportPage.OpenAsync(browser, file);
        IPage p = page.Page;
        await p.Keyboard.PressAsync("ArrowRight");
        await p.Keyboard.PressAsync("End");
        await p.FillAsync("#jump", "5");
        await p.PressAsync("#jump", "Enter");

        Assert.Empty(page.Problems);
        Assert.Equal("step 0 of 0 (no steps)", await Text(p, "#step-label"));
        Assert.Equal(2, await p.Locator("#regions [data-region]").CountAsync());
        Assert.Contains("all zero", await Text(p, "[data-region=\"dom1/mystery\"]"), StringComparison.Ordinal);
        Assert.Equal(0, await p.Locator("[data-region=\"dom1/grant-table\"] [data-field]").CountAsync());
    }

    [Fact]
    public async Task Stepping_through_iommu_requests_decodes_them_and_replays_the_mappings()
    {
        string file = Path.Combine(_folder.FullName, "iommu.html");
        File.WriteAllText(file, ExplainPage.Write(IommuRequests()));
        const string Region = "[data-region=\"kvm/blk0/iommu/requests\"]";
        const string Mappings = Region + " [data-view=\"iommu-mappings\"] tr[data-field=\"mapping\"]";

        await using ReportPage page = await ReportPage.OpenAsync(browser, file);
        IPage p = page.Page;
        Assert.Empty(page.Problems);

        // Step 1: ATTACH posted, no mapping yet.
        Assert.Equal("ATTACH", await Text(p, Region + " [data-field=\"iommu-type\"][data-entry=\"0\"]"));
        Assert.Equal("1", await Text(p, Region + " [data-field=\"iommu-domain\"][data-entry=\"0\"]"));
        Assert.Equal("7", await Text(p, Region + " [data-field=\"iommu-endpoint\"][data-entry=\"0\"]"));
        Assert.Equal("", await Text(p, Region + " [data-field=\"iommu-status\"][data-entry=\"0\"]"));
        Assert.Equal(0, await p.Locator(Mappings).CountAsync());
        Assert.Contains("no mapping", await Text(p, Region + " [data-view=\"iommu-mappings\"]"), StringComparison.Ordinal);
        Assert.Contains("IOMMU mappings (as the guest asked for them)", await Text(p, Region), StringComparison.Ordinal);
        Assert.Contains("lazy invalidation", await Text(p, Region), StringComparison.Ordinal);

        await p.ClickAsync("#next"); // step 2: status OK of the ATTACH
        Assert.Equal("OK", await Text(p, Region + " [data-field=\"iommu-status\"][data-entry=\"0\"]"));
        Assert.Contains("changed", await p.Locator(Region + " [data-field=\"iommu-status\"][data-entry=\"0\"]").GetAttributeAsync("class") ?? "");

        await p.ClickAsync("#next"); // step 3: MAP [0x1000, 0x1fff] -> 0x3000 READ
        Assert.Equal("MAP", await Text(p, Region + " [data-field=\"iommu-type\"][data-entry=\"1\"]"));
        Assert.Equal("READ", await Text(p, Region + " [data-field=\"iommu-flags\"][data-entry=\"1\"]"));
        Assert.Equal("[0x1000, 0x1fff]", await Text(p, Region + " [data-field=\"iommu-iova\"][data-entry=\"1\"]"));
        Assert.Equal("0x3000", await Text(p, Region + " [data-field=\"iommu-gpa\"][data-entry=\"1\"]"));
        Assert.Contains("changed", await p.Locator(Region + " [data-field=\"iommu-type\"][data-entry=\"1\"]").GetAttributeAsync("class") ?? "");
        Assert.Equal(1, await p.Locator(Mappings).CountAsync());
        Assert.Equal("[0x1000, 0x1fff]", await Text(p, Mappings + "[data-entry=\"0\"] [data-field=\"mapping-iova\"]"));

        await p.ClickAsync("#next"); // step 4: status OK of the MAP
        Assert.Equal("OK", await Text(p, Region + " [data-field=\"iommu-status\"][data-entry=\"1\"]"));
        Assert.Equal(1, await p.Locator(Mappings).CountAsync());

        await p.ClickAsync("#next"); // step 5: MAP [0x2000, 0x2fff] -> 0x4000 READ|WRITE
        Assert.Equal(2, await p.Locator(Mappings).CountAsync());
        Assert.Equal("READ|WRITE", await Text(p, Region + " [data-field=\"iommu-flags\"][data-entry=\"2\"]"));
        Assert.Equal("[0x2000, 0x2fff]", await Text(p, Mappings + "[data-entry=\"1\"] [data-field=\"mapping-iova\"]"));
        Assert.Equal("0x4000", await Text(p, Mappings + "[data-entry=\"1\"] [data-field=\"mapping-gpa\"]"));
        Assert.Equal("READ|WRITE", await Text(p, Mappings + "[data-entry=\"1\"] [data-field=\"mapping-flags\"]"));
        await page.ScreenshotAsync(output); // two live mappings

        await p.ClickAsync("#next"); // step 6: UNMAP [0x1000, 0x1fff]
        Assert.Equal("UNMAP", await Text(p, Region + " [data-field=\"iommu-type\"][data-entry=\"3\"]"));
        Assert.Equal(1, await p.Locator(Mappings).CountAsync());
        Assert.Equal("[0x2000, 0x2fff]", await Text(p, Mappings + "[data-entry=\"0\"] [data-field=\"mapping-iova\"]"));
        Assert.Equal("1", await Text(p, Mappings + "[data-entry=\"0\"] [data-field=\"mapping-domain\"]"));

        await p.ClickAsync("#next"); // step 7: status OK of the UNMAP
        Assert.Equal("OK", await Text(p, Region + " [data-field=\"iommu-status\"][data-entry=\"3\"]"));
        Assert.True(await p.Locator("#next").IsDisabledAsync(), "Next is enabled on the last step");

        await p.Keyboard.PressAsync("ArrowLeft");
        await p.Keyboard.PressAsync("ArrowLeft");
        Assert.Equal(2, await p.Locator(Mappings).CountAsync());
        Assert.Equal(0, await p.Locator(Region + " [data-field=\"iommu-type\"][data-entry=\"3\"]").CountAsync()); // slot 3 not yet written
        await p.Keyboard.PressAsync("Home");
        Assert.Equal(0, await p.Locator(Mappings).CountAsync());
        Assert.Empty(page.Problems);
    }

    [Fact]
    public async Task Stepping_through_a_bounce_window_shows_a_slot_map_not_its_bytes()
    {
        string file = Path.Combine(_folder.FullName, "window.html");
        File.WriteAllText(file, ExplainPage.Write(BounceWindow()));
        const string Region = "[data-region=\"kvm/blk0/swiotlb\"]";
        const string Summary = Region + " [data-field=\"window-summary\"]";
        static string Slot(int slot) => $"{Region} [data-field=\"window-slot\"][data-entry=\"{slot}\"]";

        await using ReportPage page = await ReportPage.OpenAsync(browser, file);
        IPage p = page.Page;
        Assert.Empty(page.Problems);

        // Step 1: the guest bounces 16 bytes into slot 0.
        Assert.Equal("1 of 2048 slots written (2 KiB)", await Text(p, Summary));
        Assert.Equal(1, await p.Locator(Region + " [data-field=\"window-slot\"]").CountAsync());
        Assert.Contains("changed", await p.Locator(Slot(0)).GetAttributeAsync("class") ?? "");
        Assert.Equal(0, await p.Locator(Region + " pre.hex").CountAsync());

        // Step 2: the device writes 4096 bytes at slot 1, so slots 1 and 2.
        await p.ClickAsync("#next");
        Assert.Equal("3 of 2048 slots written (6 KiB)", await Text(p, Summary));
        Assert.Equal("slots 0\u20132", await Text(p, Region + " [data-field=\"window-ranges\"]"));
        string slot2 = await p.Locator(Slot(2)).GetAttributeAsync("class") ?? "";
        Assert.Contains("changed", slot2);
        Assert.Contains("written", slot2);
        Assert.DoesNotContain("changed", await p.Locator(Slot(0)).GetAttributeAsync("class") ?? "");
        Assert.Contains("written", await p.Locator(Slot(0)).GetAttributeAsync("class") ?? "");
        // The current step's 4096-byte write is dumped up to 256 bytes.
        Assert.Contains("\u2026 (3840 more bytes)", await Text(p, "#changes"), StringComparison.Ordinal);
        Assert.Equal(256, await p.Locator("#changes pre.hex span.changed").CountAsync());
        int elements = await p.Locator(Region + " *").CountAsync();
        Assert.True(elements < 300, $"the window's section holds {elements} elements");
        await page.ScreenshotAsync(output);

        // Step 3: the guest bounces 1 byte into slot 3.
        await p.ClickAsync("#next");
        Assert.Equal("4 of 2048 slots written (8 KiB)", await Text(p, Summary));
        string after = await p.Locator(Slot(2)).GetAttributeAsync("class") ?? "";
        Assert.Contains("written", after);
        Assert.DoesNotContain("changed", after);
        Assert.Contains("changed", await p.Locator(Slot(3)).GetAttributeAsync("class") ?? "");
        Assert.Equal("slots 0\u20133", await Text(p, Region + " [data-field=\"window-ranges\"]"));

        // A click on slot 1 shows its first 64 bytes: the device's data, 0x00 0x01 0x02 ...
        await p.ClickAsync(Slot(1));
        string peek = await Text(p, Region + " pre[data-field=\"window-slot-bytes\"][data-entry=\"1\"]");
        Assert.StartsWith("00200800  00 01 02 03", peek, StringComparison.Ordinal);
        Assert.Equal(4, peek.Split('\n').Length);

        // Back to the first step: only slot 0 again.
        await p.Keyboard.PressAsync("Home");
        Assert.Equal("1 of 2048 slots written (2 KiB)", await Text(p, Summary));
        Assert.Equal(0, await p.Locator(Slot(2)).CountAsync());
        Assert.Empty(page.Problems);
    }

    private static async Task<string> Text(IPage page, string selector) => (await page.Locator(selector).TextContentAsync() ?? "").Trim();

    /// <summary>
    /// One request on a KVM split ring of size 8: the driver fills a three-descriptor chain and publishes it, kicks
    /// (vring_need_event says it must), KVM exits to the backend, which reads the chain, writes the used entry and idx
    /// and interrupts the driver, which reclaims the chain.
    /// </summary>
    internal static ExplainedRun OneRequest()
    {
        const ulong Desc = 0x1000, Avail = 0x1080, Used = 0x10a0;
        ExplainedRegion[] regions =
        [
            new($"{Driver}/q0/desc", "split-desc", Desc, 128, 8),
            new($"{Driver}/q0/avail", "split-avail", Avail, 6 + 16, 8),
            new($"{Driver}/q0/used", "split-used", Used, 6 + 64, 8),
        ];
        var steps = new List<ExplainStep>();
        long exits = 0, kicks = 0, interrupts = 0, copies = 0;
        void Add(long timeNs, string actor, string? target, string kind, string text, long? costNs = null, string? source = null, params RegionChange[] changes) =>
            steps.Add(new ExplainStep(steps.Count, timeNs * 1000, actor, target, kind, text, costNs * 1000, source, changes,
                [new("exits", exits), new("kicks", kicks), new("interrupts", interrupts), new("copies", copies)]));

        Add(0, Driver, null, "descriptor", "descriptor 0: the request header, 16 bytes at 0x20000, NEXT to 1", 40, "profile kvm: desc-write (measured)",
            new RegionChange(0, Desc + 0, Descriptor(0x20000, 16, 1, 1)));
        Add(200, Driver, null, "descriptor", "descriptor 1: 4096 data bytes at 0x21000 for the device to fill, WRITE|NEXT to 2", 40, "profile kvm: desc-write (measured)",
            new RegionChange(0, Desc + 16, Descriptor(0x21000, 4096, 3, 2)));
        Add(400, Driver, null, "descriptor", "descriptor 2: the 1-byte status at 0x20010, WRITE", 40, "profile kvm: desc-write (measured)",
            new RegionChange(0, Desc + 32, Descriptor(0x20010, 1, 2, 0)));
        Add(600, Driver, null, "avail", "avail ring[0] = 0: the chain's head", 20, null, new RegionChange(1, Avail + 4, U16(0)));
        Add(700, Driver, null, "avail", "avail idx = 1: the chain is published (after a write barrier)", 20, null, new RegionChange(1, Avail + 2, U16(1)));
        kicks++;
        Add(800, Driver, Platform, "kick",
            "kick: avail_event is 0, old idx 0, new idx 1; vring_need_event(0, 1, 0) = (u16)(1 - 0 - 1) < (u16)(1 - 0) = 0 < 1, so the driver must notify",
            150, "profile kvm: mmio-notify (ioeventfd write)");
        exits++;
        Add(1300, Platform, Backend, "exit", "KVM: the notify write exits to the host; ioeventfd wakes the vhost-user backend", 2500, "profile kvm: vmexit + eventfd");
        copies++;
        Add(2000, Backend, null, "copy", "backend reads avail idx 1 and ring[0] = 0, walks 0 -> 1 -> 2, reads the 16-byte header");
        Add(9000, Backend, null, "used", "used ring[0] = {id 0, len 4097}: 4096 data bytes and the status byte written",
            changes: new RegionChange(2, Used + 4, [.. U32(0), .. U32(4097)]));
        Add(9100, Backend, null, "used", "used idx = 1: the completion is published", changes: new RegionChange(2, Used + 2, U16(1)));
        interrupts++;
        Add(9500, Backend, Driver, "interrupt", "interrupt: used_event is 0 and idx moved 0 -> 1, so the backend signals the irqfd", 1800, "profile kvm: irqfd inject");
        Add(11000, Driver, null, "reclaim", "driver reads used idx 1, reclaims chain 0 (descriptors 0, 1, 2), status 0: request done");

        return new ExplainedRun("quickstart", 42, "kvm/blk0", [Driver, Platform, Backend], regions, steps);
    }

    /// <summary>
    /// A virtio-iommu request queue's buffers (four 256-byte slots at 0x5000) as linux/virtio_iommu.h lays requests
    /// out: ATTACH endpoint 7 to domain 1 (slot 0), MAP [0x1000, 0x1fff] to 0x3000 READ (slot 1), MAP [0x2000, 0x2fff]
    /// to 0x4000 READ|WRITE (slot 2), UNMAP [0x1000, 0x1fff] (slot 3); each request posted with a zero tail, then the
    /// device's status OK written into the tail in a step of its own.
    /// </summary>
    private static ExplainedRun IommuRequests()
    {
        const ulong Start = 0x5000;
        const string Iommu = "kvm/blk0/iommu";
        ExplainedRegion[] regions = [new($"{Iommu}/requests", "iommu-requests", Start, 4 * 256, 0)];
        var steps = new List<ExplainStep>();
        void Add(string actor, string text, RegionChange change) =>
            steps.Add(new ExplainStep(steps.Count, steps.Count * 1_000_000L, actor, null, "message", text, null, null, [change],
                [new("exits", steps.Count)]));
        void Request(int slot, byte[] request, int tail, string text)
        {
            Add(Driver, text, new RegionChange(0, Start + (ulong)(256 * slot), request));
            Add(Iommu, "status OK", new RegionChange(0, Start + (ulong)(256 * slot + tail), [0, 0, 0, 0]));
        }

        var attach = new byte[24];
        attach[0] = 1;
        BinaryPrimitives.WriteUInt32LittleEndian(attach.AsSpan(4), 1);
        BinaryPrimitives.WriteUInt32LittleEndian(attach.AsSpan(8), 7);
        Request(0, attach, 20, "ATTACH endpoint 7 to domain 1");
        Request(1, Map(1, 0x1000, 0x1fff, 0x3000, 1), 36, "MAP [0x1000, 0x1fff] to 0x3000 READ");
        Add(Driver, "MAP [0x2000, 0x2fff] to 0x4000 READ|WRITE", new RegionChange(0, Start + 512, Map(1, 0x2000, 0x2fff, 0x4000, 3)));
        var unmap = new byte[32];
        unmap[0] = 4;
        BinaryPrimitives.WriteUInt32LittleEndian(unmap.AsSpan(4), 1);
        BinaryPrimitives.WriteUInt64LittleEndian(unmap.AsSpan(8), 0x1000);
        BinaryPrimitives.WriteUInt64LittleEndian(unmap.AsSpan(16), 0x1fff);
        Request(3, unmap, 28, "UNMAP [0x1000, 0x1fff]");
        return new ExplainedRun("iommu", 5, "kvm/blk0", [Driver, Iommu], regions, steps);
    }

    /// <summary>
    /// A 4 MiB bounce window at 0x200000 (2048 slots of 2 KiB): the guest bounces 16 bytes into slot 0, the device
    /// writes 4096 bytes (0, 1, 2, ...) at slot 1 (so slots 1 and 2), the guest bounces 1 byte into slot 3.
    /// </summary>
    private static ExplainedRun BounceWindow()
    {
        const ulong Start = 0x200000;
        ExplainedRegion[] regions = [new("kvm/blk0/swiotlb", "window", Start, 4ul << 20, 0)];
        var data = new byte[4096];
        for (int i = 0; i < data.Length; i++) data[i] = (byte)i;
        ExplainStep[] steps =
        [
            new(0, 0, Driver, null, "copy", "guest bounces the 16-byte header into slot 0", null, null,
                [new RegionChange(0, Start, [.. Enumerable.Repeat((byte)0xaa, 16)])], [new("copies", 1)]),
            new(1, 1_000_000, Backend, null, "copy", "device writes 4096 data bytes at slot 1 (slots 1 and 2)", null, null,
                [new RegionChange(0, Start + 2048, data)], [new("copies", 2)]),
            new(2, 2_000_000, Driver, null, "copy", "guest bounces the 1-byte status into slot 3", null, null,
                [new RegionChange(0, Start + 3 * 2048, [0x01])], [new("copies", 3)]),
        ];
        return new ExplainedRun("bounce", 1, "kvm/blk0", [Driver, Backend], regions, steps);
    }

    private static byte[] Map(uint domain, ulong virtStart, ulong virtEnd, ulong physStart, uint flags)
    {
        var bytes = new byte[40];
        bytes[0] = 3;
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(4), domain);
        BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(8), virtStart);
        BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(16), virtEnd);
        BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(24), physStart);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(32), flags);
        return bytes;
    }

    private static byte[] Descriptor(ulong address, uint length, ushort flags, ushort next)
    {
        var bytes = new byte[16];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, address);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(8), length);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(12), flags);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(14), next);
        return bytes;
    }

    private static byte[] U16(ushort value) => [(byte)value, (byte)(value >> 8)];

    private static byte[] U32(uint value) => [(byte)value, (byte)(value >> 8), (byte)(value >> 16), (byte)(value >> 24)];

    /// <summary>Removes the temporary folder.</summary>
    public void Dispose() => _folder.Delete(recursive: true);
}
