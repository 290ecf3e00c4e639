using Sim.Devices.Virtio.Facilities;

namespace Sim.Devices.Virtio.Mmio;

/// <summary>
/// The driver's path to a virtio-mmio device's registers: offsets from the device's base, widths in bytes (1, 2 or 4).
/// <see cref="MmioDevice"/> implements it directly; a hypervisor model sits in between to charge an exit per access.
/// </summary>
public interface IMmioBus
{
    /// <summary>Reads <paramref name="width"/> bytes at <paramref name="offset"/>.</summary>
    uint Read(ulong offset, int width);

    /// <summary>Writes the low <paramref name="width"/> bytes of <paramref name="value"/> at <paramref name="offset"/>.</summary>
    void Write(ulong offset, int width, uint value);
}
