using Sim.Devices.Virtio.Facilities;

namespace Sim.Devices.Virtio.Mmio;

/// <summary>
/// Reads configuration space fields for <see cref="MmioDriver.ReadConfig{T}"/> with the access widths the driver must
/// use (virtio 1.2, 4.2.2.2): 8-bit fields with 8-bit reads, 16-bit with 16-bit, 32- and 64-bit fields with 32-bit
/// reads (a 64-bit field is two reads, low half first, as Linux <c>vm_get</c>). Offsets are from the start of the space.
/// </summary>
public sealed class MmioConfigReader : IConfigReader
{
    private readonly MmioDriver _driver;

    internal MmioConfigReader(MmioDriver driver)
    {
        _driver = driver;
    }

    /// <summary>An 8-bit field.</summary>
    public byte ReadU8(int offset) => (byte)_driver.ReadAt(MmioRegister.Config + (ulong)offset, 1);

    /// <summary>A 16-bit field.</summary>
    public ushort ReadU16(int offset) => (ushort)_driver.ReadAt(MmioRegister.Config + (ulong)offset, 2);

    /// <summary>A 32-bit field.</summary>
    public uint ReadU32(int offset) => _driver.ReadAt(MmioRegister.Config + (ulong)offset, 4);

    /// <summary>A 64-bit field, as two 32-bit reads (not atomic: the generation loop covers it).</summary>
    public ulong ReadU64(int offset) => ReadU32(offset) | ((ulong)ReadU32(offset + 4) << 32);
}
