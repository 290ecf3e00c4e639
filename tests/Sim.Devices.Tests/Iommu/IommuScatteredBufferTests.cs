using FsCheck;
using FsCheck.Fluent;
using Sim.Core.Costs;
using Sim.Core.Time;
using Sim.Hypervisors.Costs;
using Sim.Devices.Iommu;
using Sim.Hypervisors.Memory;
using Sim.Hypervisors.Platform;
using Sim.Hypervisors.Window;
using Sim.Tests.Shared;

namespace Sim.Devices.Tests.Iommu;

/// <summary>
/// virtio-iommu with the guest's buffers scattered page by page (<c>IommuSharing(..., mapsEachPage: true)</c>, Linux
/// 5.x <c>viommu_map</c> under dma-iommu): a buffer gets one IOVA range, one synchronous MAP per page (each a
/// notification and an <c>iommu.request</c>) and one UNMAP for the whole range. The device reaches every page while
/// mapped and none after. A MAP refused part-way is undone (iommu_map_sg's error path): the pages already mapped are
/// unmapped again and the buffer is not mapped. Contiguous buffers take a single MAP.
/// </summary>
public sealed class IommuScatteredBufferTests
{
    private const ulong P = GuestMemory.PageSize;
    private const ulong Rings = 0x1000;
    private static readonly SimTime Notify = SimTime.FromMicroseconds(3), Request = SimTime.FromNanoseconds(100);

    /// <summary>A request port that records every request the driver sends and can refuse one MAP without executing it.</summary>
    private sealed class RecordingPort(IommuDevice device) : IIommuRequestPort
    {
        private readonly List<byte[]> _posted = new();
        private int _maps, _refusedMap;

        /// <summary>Every request answered, in order.</summary>
        public List<IommuRequest> Sent { get; } = new();

        /// <summary>The MAP, counted from 1 from when this is set, answered NOMEM without reaching the device; 0: none.</summary>
        public int RefusedMap
        {
            get => _refusedMap;
            set => (_refusedMap, _maps) = (value, 0);
        }

        public int Pending => _posted.Count;

        public void Post(ReadOnlySpan<byte> request) => _posted.Add(request.ToArray());

        public int Sync(List<byte> statuses)
        {
            foreach (var request in _posted) statuses.Add(Answer(request));
            int count = _posted.Count;
            _posted.Clear();
            return count;
        }

        public byte Call(Span<byte> request)
        {
            var held = new List<byte>();
            Sync(held);
            return Answer(request);
        }

        private byte Answer(Span<byte> request)
        {
            Assert.True(IommuRequests.TryDecode(request, out var decoded, out _));
            Sent.Add(decoded);
            if (decoded is IommuMap && ++_maps == _refusedMap) return IommuStatus.NoMem;
            return device.Execute(request);
        }
    }

    /// <summary>16 MiB of guest memory, an IOMMU for endpoint 1 (strict), its rings identity-mapped, and the sharing mechanism over it.</summary>
    private sealed class World
    {
        public GuestMemory Memory { get; } = new("guest", 16UL << 20);
        public PlatformCounters Counters { get; } = new("g/d/platform");
        public CostLedger Driver { get; } = new("g/d/driver/costs");
        public ExposureMetric Exposure { get; } = new("g/d/exposure", () => SimTime.Zero);
        public IommuDevice Device { get; }
        public RecordingPort Port { get; }
        public IommuSharing Sharing { get; }

        public World(bool eachPage, ulong lastIova = ulong.MaxValue)
        {
            Device = new IommuDevice(new IommuDeviceOptions { Endpoints = [1], LastIova = lastIova });
            Port = new RecordingPort(Device);
            var names = PlatformCosts.Common.Concat(PlatformCosts.Iommu);
            var profile = new CostProfile("test", "unit test costs", names.Select(n => n == "cpu.memcpy"
                ? new CostEntry(n, SimTime.Zero, 1e10, "test")
                : new CostEntry(n, Request, null, "test")));
            var context = new SharingContext(Memory, "g/d/backend", new AccessLog(), new PlatformCosts(profile), Counters, Exposure, () => SimTime.Zero,
                new SharingSinks(DriverCosts: Driver));
            Sharing = new IommuSharing(context, Device, Port, 1, 1, IommuInvalidation.Strict, CostItem.Of("test.notify", Notify), mapsEachPage: eachPage);
            Sharing.ShareForLifetime(Rings, P);
            Port.Sent.Clear();
            Driver.Reset(SimTime.Zero);   // the set-up's ATTACH and identity MAP
        }

        /// <summary>The buffer mappings of domain 1 (the rings' identity mapping left out).</summary>
        public List<IommuMapping> BufferMappings => Device.Domain(1)!.Mappings.Where(m => m.VirtStart >= IommuSharing.IovaBase).ToList();

        /// <summary>Whether the device can read the byte at <paramref name="dma"/> and what it is.</summary>
        public (AccessVerdict Verdict, byte Value) DeviceReads(ulong dma)
        {
            var bytes = new byte[1];
            return (Sharing.Read(dma, bytes), bytes[0]);
        }

        /// <summary>Marks each page of [<paramref name="address"/>, +<paramref name="pages"/> pages) with its index.</summary>
        public void Mark(ulong address, int pages)
        {
            for (int k = 0; k < pages; k++) Memory.Write(address + (ulong)k * P, [(byte)(0xA0 + k)]);
        }

        public long DriverCount(string entry) => Driver.Lines.SingleOrDefault(l => l.Name == entry)?.Count ?? 0;
    }

    [Fact]
    public void A_scattered_buffer_gets_one_iova_range_and_one_synchronous_map_per_page()
    {
        var w = new World(eachPage: true);
        var (exits, requests) = (w.Counters.Exits, w.Counters.IommuRequests);
        var result = w.Sharing.Map(0x40000, (uint)(4 * P), DmaDirection.FromDevice);

        Assert.True(result.IsMapped, result.Problem);
        ulong iova = (ulong)result.Buffer.Handle;
        Assert.Equal(iova, result.Buffer.DmaAddress);
        Assert.Equal(
            Enumerable.Range(0, 4).Select(k => (IommuRequest)new IommuMap(1, iova + (ulong)k * P, iova + (ulong)(k + 1) * P - 1, 0x40000 + (ulong)k * P, IommuMapFlags.Write)),
            w.Port.Sent);
        // Each MAP is posted and synced on its own: four notifications, four requests handled, four exits.
        Assert.Equal((Notify + Request) * 4, result.Cost);
        Assert.Equal((4L, 4L), (w.DriverCount("test.notify"), w.DriverCount("iommu.request")));
        Assert.Equal((4L, 4L), (w.Counters.Exits - exits, w.Counters.IommuRequests - requests));
        Assert.Equal(4, w.BufferMappings.Count);
    }

    [Fact]
    public void A_contiguous_buffer_takes_one_map_for_all_its_pages()
    {
        var w = new World(eachPage: false);
        var result = w.Sharing.Map(0x40000, (uint)(4 * P), DmaDirection.ToDevice);

        Assert.True(result.IsMapped, result.Problem);
        ulong iova = (ulong)result.Buffer.Handle;
        Assert.Equal([new IommuMap(1, iova, iova + 4 * P - 1, 0x40000, IommuMapFlags.Read)], w.Port.Sent);
        Assert.Equal(Notify + Request, result.Cost);
        Assert.Single(w.BufferMappings);
    }

    [Fact]
    public void The_device_reaches_every_page_while_mapped_and_none_after_the_one_unmap_of_the_range()
    {
        var w = new World(eachPage: true);
        w.Mark(0x40000, 4);
        var buffer = w.Sharing.Map(0x40000, (uint)(4 * P), DmaDirection.Bidirectional).Buffer;
        for (int k = 0; k < 4; k++)
            Assert.Equal((AccessVerdict.Allowed, (byte)(0xA0 + k)), w.DeviceReads(buffer.DmaAddress + (ulong)k * P));
        Assert.Equal(AccessVerdict.Denied, w.DeviceReads(buffer.DmaAddress + 4 * P).Verdict);   // one page past the range
        Assert.Equal(4, w.Exposure.PagesNow - 1);

        w.Port.Sent.Clear();
        var unmapped = w.Sharing.Unmap(buffer);

        Assert.Equal(DmaUnmapStatus.Unmapped, unmapped.Status);
        ulong iova = (ulong)buffer.Handle;
        Assert.Equal([new IommuUnmap(1, iova, iova + 4 * P - 1)], w.Port.Sent);
        Assert.Empty(w.BufferMappings);
        for (int k = 0; k < 4; k++) Assert.Equal(AccessVerdict.Denied, w.DeviceReads(buffer.DmaAddress + (ulong)k * P).Verdict);
        Assert.Equal(1, w.Exposure.PagesNow);   // the rings
        Assert.Equal(AccessVerdict.Allowed, w.DeviceReads(Rings).Verdict);
    }

    [Fact]
    public void A_buffer_that_starts_inside_a_page_maps_every_page_it_touches_and_keeps_its_offset()
    {
        var w = new World(eachPage: true);
        var buffer = w.Sharing.Map(0x40800, (uint)(2 * P), DmaDirection.ToDevice).Buffer;   // touches three pages
        Assert.Equal(3, w.Port.Sent.Count(r => r is IommuMap));
        Assert.Equal((ulong)buffer.Handle + 0x800, buffer.DmaAddress);
        w.Memory.Write(0x40800 + 2 * P - 1, [0x5A]);
        Assert.Equal((AccessVerdict.Allowed, (byte)0x5A), w.DeviceReads(buffer.DmaAddress + 2 * P - 1));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void A_map_refused_part_way_unmaps_the_pages_already_mapped_and_the_buffer_is_not_mapped(int refused)
    {
        var w = new World(eachPage: true);
        w.Port.RefusedMap = refused;
        var result = w.Sharing.Map(0x40000, (uint)(4 * P), DmaDirection.FromDevice);

        Assert.False(result.IsMapped);
        Assert.Contains("NOMEM", result.Problem);
        Assert.Empty(w.BufferMappings);
        Assert.Equal(1, w.Counters.Exhaustions);
        Assert.Equal(1, w.Exposure.PagesNow);   // the rings only
        var maps = w.Port.Sent.OfType<IommuMap>().ToList();
        Assert.Equal(refused, maps.Count);   // no MAP after the refused one
        var unmaps = w.Port.Sent.OfType<IommuUnmap>().ToList();
        if (refused == 1)
        {
            Assert.Empty(unmaps);   // nothing was mapped, nothing to undo
        }
        else
        {
            // One UNMAP over exactly the pages mapped before the refusal.
            Assert.Equal([new IommuUnmap(1, maps[0].VirtStart, maps[refused - 2].VirtEnd)], unmaps);
        }
        for (int k = 0; k < 4; k++) Assert.Equal(AccessVerdict.Denied, w.DeviceReads(maps[0].VirtStart + (ulong)k * P).Verdict);
        // Every round trip was paid for, the undo's included.
        Assert.Equal((Notify + Request) * (refused + (refused > 1 ? 1 : 0)), result.Cost);

        // Nothing left behind: the same buffer maps again, on the same IOVAs, once the IOMMU accepts it.
        var again = w.Sharing.Map(0x40000, (uint)(4 * P), DmaDirection.FromDevice);
        Assert.True(again.IsMapped, again.Problem);
        Assert.Equal(maps[0].VirtStart, (ulong)again.Buffer.Handle);
        Assert.Equal(4, w.BufferMappings.Count);
    }

    [Fact]
    public void A_page_outside_the_devices_input_range_fails_the_map_and_the_pages_before_it_are_unmapped()
    {
        // The device accepts IOVAs up to two pages above the base: the third page's MAP answers RANGE.
        var w = new World(eachPage: true, lastIova: IommuSharing.IovaBase + 2 * P - 1);
        var result = w.Sharing.Map(0x40000, (uint)(4 * P), DmaDirection.ToDevice);

        Assert.Equal(DmaMapStatus.Exhausted, result.Status);
        Assert.Contains("RANGE", result.Problem);
        Assert.Equal(3, w.Port.Sent.Count(r => r is IommuMap));
        Assert.Equal([new IommuUnmap(1, IommuSharing.IovaBase, IommuSharing.IovaBase + 2 * P - 1)], w.Port.Sent.OfType<IommuUnmap>());
        Assert.Empty(w.BufferMappings);
        Assert.Equal(AccessVerdict.Denied, w.DeviceReads(IommuSharing.IovaBase).Verdict);
        Assert.Equal(AccessVerdict.Denied, w.DeviceReads(IommuSharing.IovaBase + P).Verdict);
    }

    [Fact]
    public void Any_scattered_buffer_takes_one_map_per_page_it_spans_and_one_unmap_and_is_reachable_only_while_mapped()
    {
        var buffers = (from offset in Gen.Choose(0, (int)P - 1)
                       from length in Gen.Choose(1, 16 * (int)P)
                       select (Offset: (ulong)offset, Length: (uint)length)).ToArbitrary();
        Check.One(PropertyRuns.Config(100), Prop.ForAll(buffers, b =>
        {
            string? failure = MapsPageByPage(0x100000 + b.Offset, b.Length);
            return (failure is null).Label(failure ?? "");
        }));
    }

    /// <summary>What went wrong mapping and unmapping [<paramref name="address"/>, +<paramref name="length"/>) page by page, or null.</summary>
    private static string? MapsPageByPage(ulong address, uint length)
    {
        var w = new World(eachPage: true);
        ulong firstPage = address / P, lastPage = (address + length - 1) / P;
        int pages = (int)(lastPage - firstPage + 1);
        w.Memory.Write(address, [0x11]);
        w.Memory.Write(address + length - 1, [0x22]);
        var result = w.Sharing.Map(address, length, DmaDirection.ToDevice);
        if (!result.IsMapped) return $"not mapped: {result.Problem}";
        var maps = w.Port.Sent.OfType<IommuMap>().ToList();
        if (maps.Count != pages || w.Port.Sent.Count != pages) return $"{w.Port.Sent.Count} requests for {pages} pages";
        for (int k = 0; k < pages; k++)
        {
            ulong iova = (ulong)result.Buffer.Handle + (ulong)k * P;
            if (maps[k] != new IommuMap(1, iova, iova + P - 1, (firstPage + (ulong)k) * P, IommuMapFlags.Read)) return $"MAP {k} is {maps[k]}";
        }
        if (result.Cost != (Notify + Request) * pages) return $"cost {result.Cost} for {pages} pages";
        ulong last = result.Buffer.DmaAddress + length - 1;
        if (w.DeviceReads(result.Buffer.DmaAddress) != (AccessVerdict.Allowed, length == 1 ? (byte)0x22 : (byte)0x11)) return "first byte unreachable";
        if (w.DeviceReads(last) != (AccessVerdict.Allowed, (byte)0x22)) return "last byte unreachable";
        w.Port.Sent.Clear();
        w.Sharing.Unmap(result.Buffer);
        if (w.Port.Sent.Count != 1 || w.Port.Sent[0] is not IommuUnmap unmap) return $"{w.Port.Sent.Count} requests to unmap";
        if (unmap.VirtStart != (ulong)result.Buffer.Handle || unmap.VirtEnd != (ulong)result.Buffer.Handle + (ulong)pages * P - 1) return $"UNMAP {unmap}";
        if (w.DeviceReads(result.Buffer.DmaAddress).Verdict != AccessVerdict.Denied || w.DeviceReads(last).Verdict != AccessVerdict.Denied)
            return "reachable after the unmap";
        return w.BufferMappings.Count == 0 ? null : $"{w.BufferMappings.Count} mappings left";
    }
}
