namespace Sim.Devices.Virtio.Pci;

/// <summary>
/// How a virtio 1.x (non-transitional) PCI function identifies itself (virtio 1.2, 4.1.2 "PCI Device Discovery" and
/// 4.1.2.1): vendor 0x1AF4, device ID 0x1040 + the virtio device type, revision ID 1 or higher, a subsystem device ID
/// of 0x40 or higher. The class code is not specified by virtio; <see cref="ClassCodeFor"/> gives QEMU's choices.
/// </summary>
public static class VirtioPciIdentity
{
    /// <summary>The PCI vendor ID of every virtio device (Red Hat / Qumranet).</summary>
    public const ushort VendorId = 0x1af4;
    /// <summary>Device ID of virtio device type 0; type t is 0x1040 + t (4.1.2).</summary>
    public const ushort ModernDeviceIdBase = 0x1040;
    /// <summary>The last device ID of the non-transitional range (type 63).</summary>
    public const ushort ModernDeviceIdLast = 0x107f;
    /// <summary>The revision ID this model presents: 1, so legacy drivers leave the function alone (4.1.2.1).</summary>
    public const byte ModernRevisionId = 1;
    /// <summary>QEMU's default subsystem device ID (<c>PCI_SUBDEVICE_ID_QEMU</c>), above the 0x40 that 4.1.2.1 asks for.</summary>
    public const ushort QemuSubsystemId = 0x1100;
    /// <summary>The largest virtio device type a non-transitional device ID can carry.</summary>
    public const uint MaxDeviceType = ModernDeviceIdLast - ModernDeviceIdBase;

    /// <summary>The PCI device ID of virtio device type <paramref name="deviceType"/> (1 to 63).</summary>
    public static ushort DeviceIdFor(uint deviceType) => (ushort)(ModernDeviceIdBase + deviceType);

    /// <summary>The virtio device type of a non-transitional PCI device ID; null outside 0x1040 to 0x107F.</summary>
    public static uint? DeviceTypeOf(ushort pciDeviceId) =>
        pciDeviceId is >= ModernDeviceIdBase and <= ModernDeviceIdLast ? (uint)(pciDeviceId - ModernDeviceIdBase) : null;

    /// <summary>
    /// The 24-bit class code (base class, sub-class, programming interface) QEMU gives the virtio-*-pci function of
    /// <paramref name="deviceType"/>: network controller (net), mass storage / SCSI (block), communication (console),
    /// display (GPU), input (input), and "unassigned class" 0xFF for the rest.
    /// </summary>
    public static uint ClassCodeFor(uint deviceType) => deviceType switch
    {
        1 => 0x02_00_00,
        2 => 0x01_00_00,
        3 => 0x07_80_00,
        16 => 0x03_80_00,
        18 => 0x09_80_00,
        _ => 0xff_00_00,
    };
}
