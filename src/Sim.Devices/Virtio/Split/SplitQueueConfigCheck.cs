using Sim.Devices.Virtio.Queues;
using Sim.Hypervisors.Memory;

namespace Sim.Devices.Virtio.Split;

/// <summary>
/// The checks a device makes on a split queue's configuration before using it (virtio 1.2, 2.7 alignment table and
/// 4.2.2.2; rust-vmm <c>Queue::is_valid</c>): size a power of two in [1, 32768], table 16-, avail 2- and used 4-byte
/// aligned, and each ring reachable through the device's access path. Reachability is probed by reading the ring's
/// first and last byte, so the probe touches nothing but the rings themselves. Readiness is the transport's check.
/// </summary>
internal static class SplitQueueConfigCheck
{
    /// <summary>The first broken rule, with a detail naming the field and value; false when the configuration is valid.</summary>
    public static bool TryFindViolation(IDeviceMemory memory, QueueConfig config, out QueueRule rule, out string detail)
    {
        int size = config.Size;
        if (!SplitLayout.IsValidSize(size))
            return Found(QueueRule.InvalidQueueSize, $"queue size {size} is not a power of two in [1, {SplitLayout.MaxQueueSize}]", out rule, out detail);
        if (config.DescriptorTable % SplitLayout.DescriptorTableAlignment != 0)
            return Found(QueueRule.MisalignedRing, $"descriptor table at 0x{config.DescriptorTable:x} is not {SplitLayout.DescriptorTableAlignment}-byte aligned", out rule, out detail);
        if (config.DriverArea % SplitLayout.AvailRingAlignment != 0)
            return Found(QueueRule.MisalignedRing, $"available ring at 0x{config.DriverArea:x} is not {SplitLayout.AvailRingAlignment}-byte aligned", out rule, out detail);
        if (config.DeviceArea % SplitLayout.UsedRingAlignment != 0)
            return Found(QueueRule.MisalignedRing, $"used ring at 0x{config.DeviceArea:x} is not {SplitLayout.UsedRingAlignment}-byte aligned", out rule, out detail);
        if (!Reachable(memory, "descriptor table", config.DescriptorTable, SplitLayout.DescriptorTableBytes(size), out detail)
            || !Reachable(memory, "available ring", config.DriverArea, SplitLayout.AvailRingBytes(size), out detail)
            || !Reachable(memory, "used ring", config.DeviceArea, SplitLayout.UsedRingBytes(size), out detail))
        {
            rule = QueueRule.RingOutsideMemory;
            return true;
        }
        rule = default;
        detail = "";
        return false;
    }

    private static bool Reachable(IDeviceMemory memory, string name, ulong address, ulong bytes, out string detail)
    {
        detail = "";
        if (address > ulong.MaxValue - (bytes - 1))
        {
            detail = $"{name} [0x{address:x}, +{bytes}) wraps past the end of the address space";
            return false;
        }
        Span<byte> probe = stackalloc byte[1];
        ulong last = address + bytes - 1;
        if (memory.Read(address, probe) == AccessVerdict.Allowed && memory.Read(last, probe) == AccessVerdict.Allowed) return true;
        detail = $"{name} [0x{address:x}, 0x{last:x}] is not reachable through the device's access path";
        return false;
    }

    private static bool Found(QueueRule found, string what, out QueueRule rule, out string detail)
    {
        rule = found;
        detail = what;
        return true;
    }
}
