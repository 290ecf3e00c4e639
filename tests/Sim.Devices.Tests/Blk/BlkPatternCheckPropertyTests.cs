using FsCheck;
using FsCheck.Fluent;
using Sim.Devices.Blk;
using Sim.Hypervisors.Memory;
using Sim.Tests.Shared;

namespace Sim.Devices.Tests.Blk;

/// <summary>
/// The driver's one-pass read check (<see cref="BlkPattern.Check"/>: guest bytes compared with the pattern as it is
/// generated, a chunk at a time) against the check it replaced (copy the data out of guest memory, generate the whole
/// expected pattern, compare, and name the first differing byte): the same verdict, offset and bytes for random
/// requests, placements and corruptions, including none; and <see cref="BlkPattern.Write"/> writes what
/// <see cref="BlkPattern.Fill"/> puts in a buffer.
/// </summary>
public sealed class BlkPatternCheckPropertyTests
{
    /// <summary>
    /// A read of <paramref name="Sectors"/> at <paramref name="Sector"/> expecting write <paramref name="Tag"/>, its data
    /// at <paramref name="PageOffset"/> into a page; the guest bytes are the pattern with <paramref name="Corruptions"/>
    /// (offset, XOR mask) applied, the pattern of another write when <paramref name="OtherTag"/>, or the 0xEE marker
    /// (a device that wrote nothing) when <paramref name="Unwritten"/>.
    /// </summary>
    public sealed record Case(ulong Sector, long Tag, int Sectors, int PageOffset, (int Offset, byte Mask)[] Corruptions, bool OtherTag, bool Unwritten)
    {
        public override string ToString() =>
            $"sector {Sector}, tag {Tag}, {Sectors} sectors at page offset {PageOffset}, "
            + $"corrupt [{string.Join(", ", Corruptions.Select(c => $"{c.Offset}^0x{c.Mask:x2}"))}]"
            + (OtherTag ? ", another write's data" : "") + (Unwritten ? ", never written" : "");
    }

    private static readonly Gen<Case> Cases =
        from sector in Gen.Choose(0, 1 << 20).Select(s => (ulong)s * 8)
        from tag in Gen.Choose(1, int.MaxValue).Select(t => (long)t)
        from sectors in Gen.Frequency((3, Gen.Choose(1, 8)), (1, Gen.Choose(9, 140)))
        from pageOffset in Gen.Frequency((3, Gen.Constant(0)), (1, Gen.Choose(0, 4095)))
        from count in Gen.Frequency((2, Gen.Constant(0)), (3, Gen.Choose(1, 3)))
        from corruptions in Gen.ArrayOf(
            from offset in Gen.Choose(0, sectors * BlkLayout.SectorSize - 1)
            from mask in Gen.Choose(1, 255)
            select (offset, (byte)mask), count).Select(all => all.DistinctBy(c => c.Item1).ToArray())
        from special in Gen.Frequency((8, Gen.Constant(0)), (1, Gen.Constant(1)), (1, Gen.Constant(2)))
        select new Case(sector, tag, sectors, pageOffset, corruptions, special == 1, special == 2);

    [Fact]
    public void The_one_pass_check_finds_exactly_what_the_copy_and_compare_found()
    {
        var property = Prop.ForAll(Arb.From(Cases), c =>
        {
            var (memory, address) = Place(c);
            BlkMismatch? expected = OldCheck(memory, address, c.Sector, c.Tag, c.Sectors * BlkLayout.SectorSize);
            BlkMismatch? actual = BlkPattern.Check(memory, address, c.Sector, c.Tag, c.Sectors * BlkLayout.SectorSize);
            bool clean = c.Corruptions.Length == 0 && !c.OtherTag && !c.Unwritten;
            return (actual == expected && (clean == (expected is null))).Label($"old {expected?.ToString() ?? "match"}, new {actual?.ToString() ?? "match"}");
        });
        Check.One(PropertyRuns.Config(300), property);
    }

    [Theory]
    [InlineData(1, 0)]
    [InlineData(8, 0)]
    [InlineData(3, 100)]
    [InlineData(128, 4095)]
    public void Writing_into_guest_memory_puts_the_bytes_fill_gives(int sectors, int pageOffset)
    {
        var memory = new GuestMemory("vm", 1 << 20);
        ulong address = GuestMemory.PageSize + (ulong)pageOffset;
        BlkPattern.Write(memory, address, 77, 5, sectors * BlkLayout.SectorSize);
        var written = new byte[sectors * BlkLayout.SectorSize];
        memory.Read(address, written);
        var filled = new byte[written.Length];
        BlkPattern.Fill(77, 5, filled);
        Assert.Equal(filled, written);
    }

    [Theory]
    [InlineData(7)]
    [InlineData(24)]
    [InlineData(100)]   // 12 words: eight at a time, then four
    [InlineData(4100)]
    public void The_in_register_comparison_ignores_bytes_short_of_a_word(int length)
    {
        var data = new byte[length];
        BlkPattern.Fill(3, 9, data);
        data[^1] ^= length % 8 == 0 ? (byte)0 : (byte)0x5A;   // beyond the last whole word: not compared
        Assert.Equal(-1, BlkPattern.FirstMismatch(3, 9, data));
        if (length < 8) return;
        data[length / 8 * 8 - 3] ^= 1;
        Assert.Equal(length / 8 * 8 - 3, BlkPattern.FirstMismatch(3, 9, data));
    }

    /// <summary>Guest memory holding the case's bytes, and their address.</summary>
    private static (GuestMemory Memory, ulong Address) Place(Case c)
    {
        int length = c.Sectors * BlkLayout.SectorSize;
        var bytes = new byte[length];
        if (c.Unwritten) Array.Fill(bytes, (byte)0xEE);
        else BlkPattern.Fill(c.Sector, c.OtherTag ? c.Tag + 1 : c.Tag, bytes);
        foreach (var (offset, mask) in c.Corruptions) bytes[offset] ^= mask;
        ulong address = GuestMemory.PageSize + (ulong)c.PageOffset;
        var memory = new GuestMemory("vm", (ulong)(3 * GuestMemory.PageSize + length + GuestMemory.PageSize - 1) / GuestMemory.PageSize * GuestMemory.PageSize);
        memory.Write(address, bytes);
        return (memory, address);
    }

    /// <summary>The driver's check before the one-pass one, verbatim but for its buffers: copy out, generate, compare.</summary>
    private static BlkMismatch? OldCheck(GuestMemory memory, ulong address, ulong sector, long tag, int length)
    {
        var data = new byte[length];
        var expected = new byte[length];
        memory.Read(address, data);
        BlkPattern.Fill(sector, tag, expected);
        if (data.AsSpan().SequenceEqual(expected)) return null;
        int at = data.AsSpan().CommonPrefixLength(expected);
        return new BlkMismatch(at, data[at], expected[at]);
    }
}
