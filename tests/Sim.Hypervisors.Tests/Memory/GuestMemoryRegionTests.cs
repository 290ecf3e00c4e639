using Sim.Hypervisors.Memory;
using Sim.Layouts;

namespace Sim.Hypervisors.Tests.Memory;

/// <summary>Declared regions and the write tap: every write into a region is reported once, clipped; others never.</summary>
public sealed class GuestMemoryRegionTests
{
    private sealed class Tap : IMemoryWriteTap
    {
        public List<(string Region, ulong Address, byte[] Bytes)> Writes { get; } = [];

        public void OnWrite(GuestMemory memory, MemoryRegion region, ulong address, ReadOnlySpan<byte> bytes) =>
            Writes.Add((region.Name, address, bytes.ToArray()));
    }

    private static (GuestMemory Memory, Tap Tap) Watched()
    {
        var memory = new GuestMemory("vm", 64 * 1024);
        memory.DeclareRegion("avail", RegionKind.SplitAvail, 0x1000, 0x10);
        memory.DeclareRegion("used", RegionKind.SplitUsed, 0x1FF8, 0x10); // straddles a page boundary
        var tap = new Tap();
        memory.WriteTap = tap;
        return (memory, tap);
    }

    [Fact]
    public void Writes_inside_a_region_are_reported_with_their_bytes_and_others_are_not()
    {
        var (memory, tap) = Watched();
        memory.WriteUInt16(0x1002, 7);
        memory.WriteUInt32(0x3000, 1);
        var write = Assert.Single(tap.Writes);
        Assert.Equal(("avail", 0x1002UL), (write.Region, write.Address));
        Assert.Equal(new byte[] { 7, 0 }, write.Bytes);
    }

    [Fact]
    public void A_write_across_regions_and_pages_is_clipped_per_region()
    {
        var (memory, tap) = Watched();
        byte[] bytes = [.. Enumerable.Range(1, 0x1000 + 0x20).Select(i => (byte)i)];
        memory.Write(0x0FF8, bytes); // covers avail entirely and used entirely
        Assert.Equal(2, tap.Writes.Count);
        Assert.Equal(("avail", 0x1000UL), (tap.Writes[0].Region, tap.Writes[0].Address));
        Assert.Equal(bytes.AsSpan(8, 0x10).ToArray(), tap.Writes[0].Bytes);
        Assert.Equal(("used", 0x1FF8UL), (tap.Writes[1].Region, tap.Writes[1].Address));
        Assert.Equal(bytes.AsSpan(0x1000, 0x10).ToArray(), tap.Writes[1].Bytes);
    }

    [Fact]
    public void Copies_and_fills_into_a_region_report_the_bytes_now_there()
    {
        var (memory, tap) = Watched();
        memory.Write(0x5000, [9, 8, 7, 6]);
        memory.Copy(0x5000, 0x1004, 4);
        memory.Fill(0x100E, 4, 0xAB);
        Assert.Equal(("avail", 0x1004UL), (tap.Writes[0].Region, tap.Writes[0].Address));
        Assert.Equal(new byte[] { 9, 8, 7, 6 }, tap.Writes[0].Bytes);
        Assert.Equal(("avail", 0x100EUL), (tap.Writes[1].Region, tap.Writes[1].Address));
        Assert.Equal(new byte[] { 0xAB, 0xAB }, tap.Writes[1].Bytes); // clipped to the region's end
    }

    [Fact]
    public void Declaring_a_region_again_replaces_it_and_a_region_must_fit()
    {
        var memory = new GuestMemory("vm", 64 * 1024);
        memory.DeclareRegion("q0/desc", RegionKind.SplitDesc, 0x1000, 0x100);
        memory.DeclareRegion("q0/desc", RegionKind.SplitDesc, 0x2000, 0x100);
        Assert.Equal(0x2000UL, Assert.Single(memory.Regions).Start);
        Assert.Throws<ArgumentOutOfRangeException>(() => memory.DeclareRegion("far", RegionKind.SplitDesc, 0xFFF0, 0x100));
    }
}
