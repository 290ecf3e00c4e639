using Sim.Core.Actors;
using Sim.Devices.Virtio.Facilities;
using Sim.Devices.Virtio.Mmio;
using Sim.Devices.Virtio.Pci;

namespace Sim.Devices.Common;

/// <summary>
/// One device's transport, both halves: the register file (<see cref="ITransportDevice"/>) and the driver's access to
/// it (<see cref="ITransportDriver"/>), virtio-mmio (virtio 1.2, 4.2) or virtio-pci (4.1). Both belong to the driver's
/// side (its vCPU traps on the registers); the backend hears of what it must act on by messages (<see cref="BackendLink"/>)
/// and keeps its own <see cref="DeviceRegisterView"/>, so no object is shared by the two actors. A backend is built with <see cref="ForBackend"/>, its driver with <see cref="ForDriver"/>,
/// so neither can exist half wired.
/// </summary>
/// <param name="Device">The device's side (the register file).</param>
/// <param name="Driver">The driver's side.</param>
public sealed record VirtioTransport(ITransportDevice Device, ITransportDriver Driver)
{
    /// <summary>
    /// A virtio-mmio transport for device type <paramref name="deviceId"/> offering <paramref name="features"/>, one queue per
    /// entry of <paramref name="queueNumMax"/>, the configuration space <paramref name="config"/>; driver misuse goes to
    /// <paramref name="violations"/> (the backend).
    /// </summary>
    public static VirtioTransport Mmio(uint deviceId, uint vendorId, ulong features, IReadOnlyList<ushort> queueNumMax, ReadOnlySpan<byte> config,
        ITransportViolationSink violations)
    {
        var device = new MmioDevice(deviceId, vendorId, features, queueNumMax, config, violations);
        return new VirtioTransport(device, new MmioDriver(device));
    }

    /// <summary>
    /// A virtio-pci (modern) transport for device type <paramref name="deviceId"/> (PCI device ID 0x1040 + type) with
    /// subsystem vendor <paramref name="subsystemVendorId"/>, offering <paramref name="features"/>, one queue per entry of
    /// <paramref name="queueSizeMax"/> (each 0 or a power of two), the configuration space <paramref name="config"/>, an
    /// MSI-X vector per queue plus one; the driver uses MSI-X when <paramref name="useMsix"/>, else INTx#. Driver misuse
    /// goes to <paramref name="violations"/> (the backend).
    /// </summary>
    public static VirtioTransport Pci(uint deviceId, ushort subsystemVendorId, ulong features, IReadOnlyList<ushort> queueSizeMax,
        ReadOnlySpan<byte> config, ITransportViolationSink violations, bool useMsix = true)
    {
        var device = new PciDevice(deviceId, subsystemVendorId, features, queueSizeMax, config, violations);
        return new VirtioTransport(device, new PciDriver(device, useMsix));
    }

    /// <summary>
    /// The transport named <paramref name="kind"/> (<c>pci</c>: virtio-pci with MSI-X, subsystem vendor 0x1AF4 as QEMU's;
    /// <c>mmio</c>: virtio-mmio reporting <paramref name="mmioVendorId"/>) for device type <paramref name="deviceId"/>.
    /// </summary>
    public static VirtioTransport Create(string kind, uint deviceId, uint mmioVendorId, ulong features, IReadOnlyList<ushort> queueSizeMax,
        ReadOnlySpan<byte> config, ITransportViolationSink violations) => kind switch
        {
            "pci" => Pci(deviceId, PciSubsystemVendor, features, queueSizeMax, config, violations),
            "mmio" => Mmio(deviceId, mmioVendorId, features, queueSizeMax, config, violations),
            _ => throw new ArgumentException($"unknown virtio transport '{kind}'; expected pci or mmio", nameof(kind)),
        };

    /// <summary>The PCI subsystem vendor the simulated virtio-pci functions report (QEMU's, Red Hat's 0x1AF4).</summary>
    public const ushort PciSubsystemVendor = 0x1AF4;

    /// <summary>
    /// What the backend of this transport is built with: it interrupts <paramref name="driver"/> (the driver's vCPU, whose
    /// register writes reach it as messages), its DMA going over <paramref name="bus"/> (null: no interconnect).
    /// </summary>
    public BackendWiring ForBackend(ActorRef driver, BusPort? bus = null)
    {
        if (driver.IsNone) throw new ArgumentException("a backend interrupts a driver", nameof(driver));
        return new BackendWiring(driver, bus);
    }

    /// <summary>
    /// What the driver of this transport is built with: every notification the device accepts, every device reset and
    /// every queue stop reaches <paramref name="backend"/>.
    /// </summary>
    public DriverWiring ForDriver(ActorRef backend)
    {
        if (backend.IsNone) throw new ArgumentException("a driver kicks a backend", nameof(backend));
        return new DriverWiring(this, backend);
    }
}
