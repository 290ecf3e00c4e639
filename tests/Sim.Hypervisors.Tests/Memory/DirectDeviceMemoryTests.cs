using Sim.Hypervisors.Memory;

namespace Sim.Hypervisors.Tests.Memory;

/// <summary>
/// The full-mapping access path: every in-range access is allowed and reaches guest memory; any range that leaves
/// guest memory, including one whose end wraps past 2^64, is refused as OutOfRange with nothing read or written.
/// Every access, allowed or not, is recorded under the accessor.
/// </summary>
public sealed class DirectDeviceMemoryTests
{
    private const ulong Page = GuestMemory.PageSize;
    private const ulong MemorySize = 16 * Page;

    private readonly GuestMemory _memory = new("vm1", MemorySize);
    private readonly AccessLog _log = new(keepEveryAccess: true);

    private DirectDeviceMemory Device(string accessor = "vm1/virtio-net") => new(_memory, accessor, _log);

    [Fact]
    public void In_range_writes_reach_guest_memory_and_reads_see_the_guest_bytes()
    {
        var device = Device();
        _memory.Write(0x2000, [9, 8, 7, 6]);

        Assert.Equal(AccessVerdict.Allowed, device.Write(Page - 2, [1, 2, 3, 4]));
        var read = new byte[4];
        Assert.Equal(AccessVerdict.Allowed, device.Read(0x2000, read));

        Assert.Equal(new byte[] { 1, 2, 3, 4 }, GuestMemoryTests.ReadBytes(_memory, Page - 2, 4));
        Assert.Equal(new byte[] { 9, 8, 7, 6 }, read);
    }

    [Fact]
    public void The_whole_memory_and_empty_accesses_at_its_end_are_in_range()
    {
        var device = Device();

        Assert.Equal(AccessVerdict.Allowed, device.Read(0, new byte[MemorySize]));
        Assert.Equal(AccessVerdict.Allowed, device.Write(MemorySize - 1, [0xFF]));
        Assert.Equal(AccessVerdict.Allowed, device.Read(MemorySize, Span<byte>.Empty));
        Assert.Equal(AccessVerdict.Allowed, device.Write(MemorySize, ReadOnlySpan<byte>.Empty));
    }

    public static TheoryData<ulong, int> RangesPastTheEnd => new()
    {
        { MemorySize, 1 },
        { MemorySize - 1, 2 },        // straddles the end: not even the in-range byte is written
        { MemorySize - Page, (int)Page + 1 },
        { MemorySize + 1, 0 },        // an empty access past the end is still out of range
        { 1UL << 40, 4 },
        { ulong.MaxValue, 1 },        // address + length == 2^64
        { ulong.MaxValue - 3, 8 },    // address + length wraps to 4
        { ulong.MaxValue - Page + 1, (int)Page }, // wraps to exactly 0
        { ulong.MaxValue - 1, (int)MemorySize },  // wraps to inside guest memory
    };

    [Theory]
    [MemberData(nameof(RangesPastTheEnd))]
    public void Ranges_outside_guest_memory_are_refused_and_write_nothing(ulong address, int length)
    {
        var device = Device();
        var data = Enumerable.Repeat((byte)0xEE, length).ToArray();

        Assert.Equal(AccessVerdict.OutOfRange, device.Write(address, data));
        Assert.Equal(AccessVerdict.OutOfRange, device.Read(address, new byte[length]));

        Assert.Equal(0, _memory.MaterialisedPages);
        var tally = _log.For("vm1/virtio-net");
        Assert.Equal(2, tally.Refused);
        Assert.Equal(0, tally.Reads + tally.Writes);
        Assert.Equal(0, tally.PagesTouched);
    }

    [Fact]
    public void A_refused_write_leaves_existing_guest_bytes_alone()
    {
        var device = Device();
        _memory.WriteUInt32(MemorySize - 4, 0x11223344);

        Assert.Equal(AccessVerdict.OutOfRange, device.Write(MemorySize - 4, new byte[8]));

        Assert.Equal(0x11223344U, _memory.ReadUInt32(MemorySize - 4));
    }

    [Fact]
    public void Every_access_is_recorded_under_the_accessor_with_its_verdict()
    {
        var device = Device("dom0/blkback");

        device.Write(0x100, new byte[12]);
        device.Read(MemorySize, new byte[2]);
        device.Read(0x100, new byte[4]);

        Assert.Equal(
            new[]
            {
                new MemoryAccess("dom0/blkback", MemoryAccessKind.Write, 0x100, 12, AccessVerdict.Allowed),
                new MemoryAccess("dom0/blkback", MemoryAccessKind.Read, MemorySize, 2, AccessVerdict.OutOfRange),
                new MemoryAccess("dom0/blkback", MemoryAccessKind.Read, 0x100, 4, AccessVerdict.Allowed),
            },
            _log.Accesses);
        var tally = _log.For("dom0/blkback");
        Assert.Equal((1L, 1L, 4L, 12L, 1L), (tally.Reads, tally.Writes, tally.BytesRead, tally.BytesWritten, tally.Refused));
    }
}
