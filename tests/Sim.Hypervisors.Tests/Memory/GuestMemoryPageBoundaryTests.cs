using System.Buffers.Binary;
using Sim.Hypervisors.Memory;

namespace Sim.Hypervisors.Tests.Memory;

/// <summary>
/// Every scalar width (u16, u32, u64) at every offset that ends just before, straddles, or starts just after a page
/// boundary, both at an ordinary 4 KiB boundary and at the 2 MiB boundary where the sparse directory changes leaf
/// table. Each case checks the value, its little-endian bytes, that neighbours stay zero, and the pages materialised.
/// </summary>
public sealed class GuestMemoryPageBoundaryTests
{
    private const ulong Page = GuestMemory.PageSize;

    public static TheoryData<int, ulong> WidthsAndBoundaries()
    {
        var data = new TheoryData<int, ulong>();
        foreach (int width in new[] { 2, 4, 8 })
            foreach (ulong boundary in new[] { 4 * Page, 2UL << 20 })
                data.Add(width, boundary);
        return data;
    }

    [Theory]
    [MemberData(nameof(WidthsAndBoundaries))]
    public void Scalar_writes_then_reads_round_trip_at_every_offset_near_a_page_boundary(int width, ulong boundary)
    {
        foreach (ulong address in AddressesAround(boundary, width))
        {
            var memory = new GuestMemory("vm1", 4UL << 20);
            ulong value = Pattern(width, address);

            WriteScalar(memory, width, address, value);

            Assert.Equal(value, ReadScalar(memory, width, address));
            Assert.Equal(LittleEndian(value, width), GuestMemoryTests.ReadBytes(memory, address, width));
            Assert.Equal(0, GuestMemoryTests.ReadBytes(memory, address - 1, 1)[0]);
            Assert.Equal(0, GuestMemoryTests.ReadBytes(memory, address + (ulong)width, 1)[0]);
            Assert.Equal(PagesSpanned(address, width), memory.MaterialisedPages);
        }
    }

    [Theory]
    [MemberData(nameof(WidthsAndBoundaries))]
    public void Scalar_reads_assemble_bytes_written_across_a_page_boundary(int width, ulong boundary)
    {
        foreach (ulong address in AddressesAround(boundary, width))
        {
            var memory = new GuestMemory("vm1", 4UL << 20);
            var bytes = Enumerable.Range(0, width).Select(i => (byte)(0x11 * (i + 1))).ToArray();

            memory.Write(address, bytes);

            Assert.Equal(FromLittleEndian(bytes), ReadScalar(memory, width, address));
            Assert.Equal(PagesSpanned(address, width), memory.MaterialisedPages);
        }
    }

    [Theory]
    [MemberData(nameof(WidthsAndBoundaries))]
    public void A_scalar_half_on_an_unwritten_page_reads_zeros_for_that_half(int width, ulong boundary)
    {
        for (int before = 1; before < width; before++)
        {
            var memory = new GuestMemory("vm1", 4UL << 20);
            ulong address = boundary - (ulong)before;
            memory.Fill(boundary - Page, Page, 0xFF); // only the page before the boundary exists

            ulong expected = (1UL << (8 * before)) - 1; // before < 8, so the shift is defined
            Assert.Equal(expected, ReadScalar(memory, width, address));
            Assert.Equal(1, memory.MaterialisedPages); // the read materialised nothing
        }
    }

    /// <summary>From <c>width + 2</c> bytes before the boundary to 2 bytes after it.</summary>
    private static IEnumerable<ulong> AddressesAround(ulong boundary, int width)
    {
        for (ulong address = boundary - (ulong)width - 2; address <= boundary + 2; address++) yield return address;
    }

    private static int PagesSpanned(ulong address, int width) =>
        (int)(((address + (ulong)width - 1) / Page) - (address / Page) + 1);

    private static ulong Pattern(int width, ulong address)
    {
        ulong value = 0x8877665544332211UL ^ (address * 0x9E3779B97F4A7C15UL);
        return width == 8 ? value : value & ((1UL << (8 * width)) - 1);
    }

    private static void WriteScalar(GuestMemory memory, int width, ulong address, ulong value)
    {
        switch (width)
        {
            case 2: memory.WriteUInt16(address, (ushort)value); break;
            case 4: memory.WriteUInt32(address, (uint)value); break;
            default: memory.WriteUInt64(address, value); break;
        }
    }

    private static ulong ReadScalar(GuestMemory memory, int width, ulong address) => width switch
    {
        2 => memory.ReadUInt16(address),
        4 => memory.ReadUInt32(address),
        _ => memory.ReadUInt64(address),
    };

    private static byte[] LittleEndian(ulong value, int width)
    {
        var bytes = new byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, value);
        return bytes[..width];
    }

    private static ulong FromLittleEndian(byte[] bytes)
    {
        ulong value = 0;
        for (int i = bytes.Length - 1; i >= 0; i--) value = (value << 8) | bytes[i];
        return value;
    }
}
