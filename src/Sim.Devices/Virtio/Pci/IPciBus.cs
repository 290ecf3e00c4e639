namespace Sim.Devices.Virtio.Pci;

/// <summary>
/// The driver's path to a PCI function: its 256-byte configuration space and its memory BARs, with 1-, 2- and 4-byte
/// accesses (widths in bytes, offsets from the start of the space or BAR, little-endian values). <see cref="PciDevice"/>
/// implements it directly; a hypervisor model sits in between to charge a trap per access, as for <c>IMmioBus</c>.
/// </summary>
public interface IPciBus
{
    /// <summary>Reads <paramref name="width"/> bytes of configuration space at <paramref name="offset"/>.</summary>
    uint ReadConfig(int offset, int width);

    /// <summary>Writes the low <paramref name="width"/> bytes of <paramref name="value"/> to configuration space at <paramref name="offset"/>.</summary>
    void WriteConfig(int offset, int width, uint value);

    /// <summary>Reads <paramref name="width"/> bytes at <paramref name="offset"/> in memory BAR <paramref name="bar"/>.</summary>
    uint Read(int bar, ulong offset, int width);

    /// <summary>Writes the low <paramref name="width"/> bytes of <paramref name="value"/> at <paramref name="offset"/> in BAR <paramref name="bar"/>.</summary>
    void Write(int bar, ulong offset, int width, uint value);

    /// <summary>
    /// The guest's interrupt controller accepted the MSI-X message of <paramref name="vector"/> (the vCPU took the
    /// interrupt). Not an access to the function and not a trap: it tells the function that a new message on that vector
    /// is no longer merged with one still waiting to be taken.
    /// </summary>
    void MessageTaken(int vector);
}
