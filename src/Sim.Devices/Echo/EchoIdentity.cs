namespace Sim.Devices.Echo;

/// <summary>
/// How the echo device identifies itself on a transport: virtio device ID 0xFFFE, which OASIS has not assigned (virtio
/// 1.2, 5 "Device Types" lists the assigned IDs); it is used only inside this simulator, and so runs on virtio-mmio only
/// (virtio-pci device IDs are 0x1040 + type, at most 0x107f).
/// </summary>
public static class EchoIdentity
{
    /// <summary>The echo device's virtio device ID.</summary>
    public const uint DeviceId = 0xFFFE;
}
