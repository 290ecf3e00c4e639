using Sim.Devices.Virtio.Facilities;

namespace Sim.Devices.Virtio.Pci;

/// <summary>
/// Reads device-specific configuration fields for <see cref="PciDriver.ReadConfig{T}"/> through the structure the
/// VIRTIO_PCI_CAP_DEVICE_CFG capability points at, with the widths 4.1.3.1 requires: 8-bit fields with 8-bit reads,
/// 16-bit with 16-bit, 32- and 64-bit fields with 32-bit reads (a 64-bit field is two reads, low half first, as Linux
/// <c>vp_get</c>). Offsets are from the start of the device configuration. Every read is counted by the driver.
/// </summary>
public sealed class PciConfigReader : IConfigReader
{
    private readonly PciDriver _driver;
    private readonly StructureLocation _device;

    internal PciConfigReader(PciDriver driver, StructureLocation device)
    {
        _driver = driver;
        _device = device;
    }

    /// <summary>An 8-bit field.</summary>
    public byte ReadU8(int offset) => (byte)Read(offset, 1);

    /// <summary>A 16-bit field.</summary>
    public ushort ReadU16(int offset) => (ushort)Read(offset, 2);

    /// <summary>A 32-bit field.</summary>
    public uint ReadU32(int offset) => Read(offset, 4);

    /// <summary>A 64-bit field, as two 32-bit reads (not atomic: the generation loop covers it).</summary>
    public ulong ReadU64(int offset) => ReadU32(offset) | ((ulong)ReadU32(offset + 4) << 32);

    private uint Read(int offset, int width) => _driver.ReadBar(_device.Bar, _device.Offset + (ulong)offset, width);
}
