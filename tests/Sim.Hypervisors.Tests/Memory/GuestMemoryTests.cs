using Sim.Hypervisors.Memory;

namespace Sim.Hypervisors.Tests.Memory;

/// <summary>
/// The guest's own view of its memory: sparse pages, little-endian scalars (virtio 1.2, 1.4), Fill, range checks and
/// size validation. Page-boundary behaviour of every scalar width is in <see cref="GuestMemoryPageBoundaryTests"/>.
/// </summary>
public sealed class GuestMemoryTests
{
    private const ulong Page = GuestMemory.PageSize;

    private static GuestMemory NewMemory(ulong pages = 16) => new("vm1", pages * Page);

    [Fact]
    public void Unwritten_memory_reads_as_zeros_and_materialises_nothing()
    {
        var memory = NewMemory();
        var bytes = new byte[3 * Page];
        Array.Fill(bytes, (byte)0xAA);

        memory.Read(Page - 7, bytes);

        Assert.All(bytes, b => Assert.Equal(0, b));
        Assert.Equal(0UL, memory.ReadUInt64(8 * Page - 4));
        Assert.Equal(0U, memory.ReadUInt32(5 * Page));
        Assert.Equal(0, memory.ReadUInt16(memory.Size - 2));
        Assert.Equal(0, memory.MaterialisedPages);
    }

    [Fact]
    public void A_write_inside_one_page_materialises_exactly_that_page()
    {
        var memory = NewMemory();

        memory.Write(3 * Page + 100, [1, 2, 3]);

        Assert.Equal(1, memory.MaterialisedPages);
        var around = new byte[8];
        memory.Read(3 * Page + 98, around);
        Assert.Equal(new byte[] { 0, 0, 1, 2, 3, 0, 0, 0 }, around);
    }

    [Fact]
    public void A_write_across_pages_materialises_exactly_the_pages_it_touches()
    {
        var memory = NewMemory();
        var data = Enumerable.Range(0, (int)(2 * Page + 2)).Select(i => (byte)(i % 251 + 1)).ToArray();

        memory.Write(4 * Page - 1, data); // last byte of page 3, all of pages 4 and 5, first byte of page 6

        Assert.Equal(4, memory.MaterialisedPages);
        var back = new byte[data.Length];
        memory.Read(4 * Page - 1, back);
        Assert.Equal(data, back);
        Assert.Equal(0, memory.ReadUInt16(4 * Page - 3)); // the bytes just before the write are still zero
        Assert.Equal(0, memory.ReadUInt16(6 * Page + 1)); // and just after
    }

    [Fact]
    public void Rewriting_a_materialised_page_does_not_count_it_again()
    {
        var memory = NewMemory();
        memory.WriteUInt32(2 * Page, 1);
        memory.WriteUInt64(2 * Page + 8, 2);
        memory.Write(2 * Page + 100, [0]);

        Assert.Equal(1, memory.MaterialisedPages);
    }

    [Fact]
    public void An_empty_write_materialises_nothing()
    {
        var memory = NewMemory();
        memory.Write(5 * Page, ReadOnlySpan<byte>.Empty);
        memory.Write(memory.Size, ReadOnlySpan<byte>.Empty);

        Assert.Equal(0, memory.MaterialisedPages);
    }

    [Fact]
    public void Scalars_are_little_endian_byte_for_byte()
    {
        var memory = NewMemory();
        memory.WriteUInt16(0x100, 0x1234);
        memory.WriteUInt32(0x200, 0x89ABCDEF);
        memory.WriteUInt64(0x300, 0x0123456789ABCDEF);

        Assert.Equal(new byte[] { 0x34, 0x12 }, ReadBytes(memory, 0x100, 2));
        Assert.Equal(new byte[] { 0xEF, 0xCD, 0xAB, 0x89 }, ReadBytes(memory, 0x200, 4));
        Assert.Equal(new byte[] { 0xEF, 0xCD, 0xAB, 0x89, 0x67, 0x45, 0x23, 0x01 }, ReadBytes(memory, 0x300, 8));
    }

    [Fact]
    public void Scalars_are_read_little_endian_from_explicit_bytes()
    {
        var memory = NewMemory();
        memory.Write(0x400, [0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08]);

        Assert.Equal(0x0201, memory.ReadUInt16(0x400));
        Assert.Equal(0x04030201U, memory.ReadUInt32(0x400));
        Assert.Equal(0x0807060504030201UL, memory.ReadUInt64(0x400));
        Assert.Equal(0x0302, memory.ReadUInt16(0x401)); // unaligned
        Assert.Equal(0x08070605U, memory.ReadUInt32(0x404));
    }

    [Fact]
    public void Fill_sets_exactly_the_range_across_pages()
    {
        var memory = NewMemory();
        memory.Fill(Page - 3, Page + 6, 0x5A); // 3 bytes of page 0, all of page 1, 3 bytes of page 2

        Assert.Equal(3, memory.MaterialisedPages);
        Assert.Equal(0, ReadBytes(memory, Page - 4, 1)[0]);
        Assert.All(ReadBytes(memory, Page - 3, (int)Page + 6), b => Assert.Equal(0x5A, b));
        Assert.Equal(0, ReadBytes(memory, 2 * Page + 3, 1)[0]);
    }

    [Fact]
    public void Filling_unwritten_memory_with_zero_materialises_nothing()
    {
        var memory = NewMemory();
        memory.Fill(0, memory.Size, 0);

        Assert.Equal(0, memory.MaterialisedPages);
    }

    [Fact]
    public void Filling_with_zero_clears_written_memory_without_materialising_more()
    {
        var memory = NewMemory();
        memory.Fill(Page, 2 * Page, 0xFF);
        memory.Fill(0, 4 * Page, 0);

        Assert.Equal(2, memory.MaterialisedPages);
        Assert.All(ReadBytes(memory, 0, 4 * (int)Page), b => Assert.Equal(0, b));
    }

    [Fact]
    public void The_last_bytes_of_memory_are_reachable()
    {
        var memory = NewMemory();
        memory.WriteUInt64(memory.Size - 8, ulong.MaxValue);
        memory.WriteUInt16(memory.Size - 10, 0xBEEF);

        Assert.Equal(ulong.MaxValue, memory.ReadUInt64(memory.Size - 8));
        Assert.Equal(0xBEEF, memory.ReadUInt16(memory.Size - 10));
        Assert.True(memory.Contains(memory.Size, 0));
        Assert.True(memory.Contains(0, memory.Size));
    }

    public static TheoryData<ulong, int> OutOfRangeSpans => new()
    {
        { 16 * Page, 1 },         // first byte past the end
        { 16 * Page - 1, 2 },     // straddles the end
        { 16 * Page - 4000, 4001 },
        { 17 * Page, 0 },         // even an empty access past the end
        { 1UL << 40, 1 },
        { ulong.MaxValue, 1 },    // address + length wraps to 0
        { ulong.MaxValue - 2, 8 },
    };

    [Theory]
    [MemberData(nameof(OutOfRangeSpans))]
    public void Out_of_range_spans_throw_and_change_nothing(ulong address, int length)
    {
        var memory = NewMemory();

        Assert.Throws<ArgumentOutOfRangeException>(() => memory.Read(address, new byte[length]));
        Assert.Throws<ArgumentOutOfRangeException>(() => memory.Write(address, new byte[length]));
        Assert.Throws<ArgumentOutOfRangeException>(() => memory.Fill(address, (ulong)length, 0xFF));
        Assert.False(memory.Contains(address, (ulong)length));
        Assert.Equal(0, memory.MaterialisedPages);
    }

    [Fact]
    public void Out_of_range_scalar_accesses_throw()
    {
        var memory = NewMemory();
        ulong end = memory.Size;

        Assert.Throws<ArgumentOutOfRangeException>(() => memory.ReadUInt16(end - 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => memory.ReadUInt32(end - 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => memory.ReadUInt64(end - 7));
        Assert.Throws<ArgumentOutOfRangeException>(() => memory.ReadUInt16(end));
        Assert.Throws<ArgumentOutOfRangeException>(() => memory.ReadUInt64(end + Page));
        Assert.Throws<ArgumentOutOfRangeException>(() => memory.WriteUInt16(end - 1, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => memory.WriteUInt32(end - 2, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => memory.WriteUInt64(end - 4, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => memory.WriteUInt64(ulong.MaxValue - 7, 1));
        Assert.Equal(0, memory.MaterialisedPages);
    }

    [Fact]
    public void Scalar_reads_whose_end_wraps_past_2_pow_64_throw_the_range_error()
    {
        var memory = NewMemory();

        // address + width == 2^64: the range check must not be fooled by the wrap to 0.
        Assert.Throws<ArgumentOutOfRangeException>(() => memory.ReadUInt16(ulong.MaxValue - 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => memory.ReadUInt32(ulong.MaxValue - 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => memory.ReadUInt64(ulong.MaxValue - 7));
    }

    [Fact]
    public void The_range_error_names_the_domain_and_the_range()
    {
        var memory = NewMemory();
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => memory.Read(16 * Page, new byte[4]));

        Assert.Contains("vm1", error.Message, StringComparison.Ordinal);
        Assert.Contains("0x10000", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0UL)]
    [InlineData(1UL)]
    [InlineData(4095UL)]
    [InlineData(4097UL)]
    [InlineData((1UL << 40) + 4096)]
    [InlineData(ulong.MaxValue - 4095)] // a multiple of 4 KiB, far above the limit
    public void Invalid_sizes_are_rejected(ulong size)
    {
        var error = Assert.Throws<ArgumentException>(() => new GuestMemory("vm1", size));
        Assert.Equal("size", error.ParamName);
    }

    [Theory]
    [InlineData(4096UL)]
    [InlineData(3 * 4096UL)]
    [InlineData(2UL << 20)]
    [InlineData((2UL << 20) + 4096)] // one page into a second leaf table
    [InlineData(1UL << 40)]          // the largest supported size
    public void Valid_sizes_are_accepted_and_reachable_at_both_ends(ulong size)
    {
        var memory = new GuestMemory("vm1", size);
        memory.WriteUInt32(0, 0xA5A5A5A5);
        memory.WriteUInt32(size - 4, 0x5A5A5A5A);

        Assert.Equal("vm1", memory.Domain);
        Assert.Equal(size, memory.Size);
        Assert.Equal(0xA5A5A5A5U, memory.ReadUInt32(0));
        Assert.Equal(0x5A5A5A5AU, memory.ReadUInt32(size - 4));
        Assert.Equal(size == Page ? 1 : 2, memory.MaterialisedPages);
    }

    internal static byte[] ReadBytes(GuestMemory memory, ulong address, int length)
    {
        var bytes = new byte[length];
        memory.Read(address, bytes);
        return bytes;
    }
}
