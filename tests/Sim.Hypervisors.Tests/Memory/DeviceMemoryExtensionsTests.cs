using Sim.Hypervisors.Memory;

namespace Sim.Hypervisors.Tests.Memory;

/// <summary>
/// Little-endian scalar accesses through a device access path: byte order, one recorded access of the scalar's width,
/// and a value of 0 whenever the access is refused, whatever the path left in its buffer.
/// </summary>
public sealed class DeviceMemoryExtensionsTests
{
    private const ulong Page = GuestMemory.PageSize;

    private readonly GuestMemory _memory = new("vm1", 4 * Page);
    private readonly AccessLog _log = new(keepEveryAccess: true);
    private readonly DirectDeviceMemory _device;

    public DeviceMemoryExtensionsTests() => _device = new DirectDeviceMemory(_memory, "vm1/dev", _log);

    [Fact]
    public void Scalar_reads_are_little_endian()
    {
        _memory.Write(Page - 3, [0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08]); // across a page boundary

        Assert.Equal(AccessVerdict.Allowed, _device.ReadUInt16(Page - 3, out ushort u16));
        Assert.Equal(AccessVerdict.Allowed, _device.ReadUInt32(Page - 3, out uint u32));
        Assert.Equal(AccessVerdict.Allowed, _device.ReadUInt64(Page - 3, out ulong u64));

        Assert.Equal(0x0201, u16);
        Assert.Equal(0x04030201U, u32);
        Assert.Equal(0x0807060504030201UL, u64);
    }

    [Fact]
    public void Scalar_writes_are_little_endian()
    {
        Assert.Equal(AccessVerdict.Allowed, _device.WriteUInt16(0x10, 0xA1B2));
        Assert.Equal(AccessVerdict.Allowed, _device.WriteUInt32(Page - 2, 0xC1D2E3F4));

        Assert.Equal(new byte[] { 0xB2, 0xA1 }, GuestMemoryTests.ReadBytes(_memory, 0x10, 2));
        Assert.Equal(new byte[] { 0xF4, 0xE3, 0xD2, 0xC1 }, GuestMemoryTests.ReadBytes(_memory, Page - 2, 4));
    }

    [Fact]
    public void Each_scalar_access_is_recorded_once_with_its_width()
    {
        _device.ReadUInt16(0, out _);
        _device.ReadUInt32(8, out _);
        _device.ReadUInt64(16, out _);
        _device.WriteUInt16(32, 1);
        _device.WriteUInt32(40, 1);

        Assert.Equal(new uint[] { 2, 4, 8, 2, 4 }, _log.Accesses.Select(a => a.Length));
        Assert.Equal(new ulong[] { 0, 8, 16, 32, 40 }, _log.Accesses.Select(a => a.Address));
    }

    [Fact]
    public void Refused_scalar_reads_give_zero()
    {
        ulong end = _memory.Size;
        _memory.Fill(end - Page, Page, 0xFF);

        Assert.Equal(AccessVerdict.OutOfRange, _device.ReadUInt16(end - 1, out ushort u16));
        Assert.Equal(AccessVerdict.OutOfRange, _device.ReadUInt32(end - 2, out uint u32));
        Assert.Equal(AccessVerdict.OutOfRange, _device.ReadUInt64(ulong.MaxValue - 3, out ulong u64));

        Assert.Equal((0, 0U, 0UL), (u16, u32, u64));
        Assert.Equal(3, _log.For("vm1/dev").Refused);
    }

    [Fact]
    public void Refused_scalar_writes_write_nothing()
    {
        ulong end = _memory.Size;

        Assert.Equal(AccessVerdict.OutOfRange, _device.WriteUInt16(end - 1, 0xFFFF));
        Assert.Equal(AccessVerdict.OutOfRange, _device.WriteUInt32(ulong.MaxValue - 1, 0xFFFFFFFF));

        Assert.Equal(0, _memory.MaterialisedPages);
    }

    [Theory]
    [InlineData(AccessVerdict.Denied)]
    [InlineData(AccessVerdict.OutOfRange)]
    public void A_refused_read_gives_zero_even_if_the_path_left_bytes_in_the_buffer(AccessVerdict verdict)
    {
        var path = new ScribblingPath(verdict);

        Assert.Equal(verdict, path.ReadUInt16(0, out ushort u16));
        Assert.Equal(verdict, path.ReadUInt32(0, out uint u32));
        Assert.Equal(verdict, path.ReadUInt64(0, out ulong u64));

        Assert.Equal((0, 0U, 0UL), (u16, u32, u64));
    }

    [Fact]
    public void An_allowed_read_returns_what_the_path_delivered()
    {
        var path = new ScribblingPath(AccessVerdict.Allowed);

        path.ReadUInt32(0, out uint value);

        Assert.Equal(0xABABABABU, value);
    }

    /// <summary>An access path that fills every read buffer with 0xAB and answers with a fixed verdict.</summary>
    private sealed class ScribblingPath(AccessVerdict verdict) : IDeviceMemory
    {
        public AccessVerdict Read(ulong address, Span<byte> destination)
        {
            destination.Fill(0xAB);
            return verdict;
        }

        public AccessVerdict Write(ulong address, ReadOnlySpan<byte> source) => verdict;
    }
}
