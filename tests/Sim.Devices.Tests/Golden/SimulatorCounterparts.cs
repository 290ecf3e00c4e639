using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;
using Sim.Devices.Virtio;
using Sim.Devices.Virtio.Facilities;
using Sim.Devices.Virtio.Mmio;
using Sim.Devices.Virtio.Packed;
using Sim.Devices.Virtio.Queues;
using Sim.Devices.Virtio.Split;

namespace Sim.Devices.Tests.Golden;

/// <summary>A simulator value that must equal a Linux golden line, and the C# expression it comes from.</summary>
/// <param name="Source">The C# constant or call, e.g. <c>SplitLayout.DescNext</c> or <c>SplitLayout.LegacyVringSize(256, 4096)</c>.</param>
/// <param name="Value">Its value.</param>
internal readonly record struct Counterpart(string Source, ulong Value)
{
    /// <inheritdoc />
    public override string ToString() => $"{Source} = {Value}";
}

/// <summary>
/// For each key <c>linux_virtio_golden.c</c> prints, the simulator's value(s) it must equal. Fixed keys are in one
/// table; parameterised keys (entry offsets, vring_size, vring_init, need_event) are computed from the key. Flags the
/// header gives as bit numbers (VRING_PACKED_DESC_F_*, feature bits) are compared as the bit number of our mask.
/// </summary>
internal static class SimulatorCounterparts
{
    /// <summary>
    /// The literals that stand in for simulator constants that do not exist (yet). Each is listed in the report of
    /// <c>LinuxHeaderGoldenTests</c>; a real C# constant should replace it when one is added.
    /// </summary>
    public const string NoSimulatorConstant = "no simulator constant; literal from the virtio spec";

    private static readonly Dictionary<string, Counterpart[]> Fixed = BuildFixed();

    /// <summary>The simulator's counterparts of <paramref name="key"/>; empty when the key is unknown.</summary>
    public static IReadOnlyList<Counterpart> For(string key)
    {
        if (Fixed.TryGetValue(key, out var fixedSides)) return fixedSides;
        string[] parts = key.Split('.');
        return parts switch
        {
            ["layout", "avail_entry_offset", var slot] =>
                [Of(SplitLayout.AvailEntryOffset(Int(slot)), $"SplitLayout.AvailEntryOffset({slot})")],
            ["layout", "used_entry_offset", var slot] =>
                [Of(SplitLayout.UsedEntryOffset(Int(slot)), $"SplitLayout.UsedEntryOffset({slot})")],
            ["vring_size", var n, var align] =>
                [Of(SplitLayout.LegacyVringSize(Int(n), ULong(align)), $"SplitLayout.LegacyVringSize({n}, {align})")],
            ["vring_init", var n, _, "avail"] =>
                [Of(SplitLayout.DescriptorTableBytes(Int(n)), $"SplitLayout.DescriptorTableBytes({n})")],
            ["vring_init", var n, var align, "used"] =>
                [Of(SplitLayout.LegacyVringSize(Int(n), ULong(align)) - SplitLayout.UsedRingBytes(Int(n)),
                    $"SplitLayout.LegacyVringSize({n}, {align}) - SplitLayout.UsedRingBytes({n})")],
            ["vring_init", var n, _, "used_event"] =>
                [Of(SplitLayout.UsedEventOffset(Int(n)), $"SplitLayout.UsedEventOffset({n})")],
            ["vring_init", var n, _, "avail_event"] =>
                [Of(SplitLayout.AvailEventOffset(Int(n)), $"SplitLayout.AvailEventOffset({n})")],
            ["need_event", var e, var n, var o] =>
                [Of(EventIndex.NeedEvent(UShort(e), UShort(n), UShort(o)) ? 1UL : 0UL, $"EventIndex.NeedEvent({e}, {n}, {o})")],
            _ => [],
        };
    }

    /// <summary>Every C# source named in the fixed table (to check that each simulator constant has a Linux line).</summary>
    public static IReadOnlySet<string> FixedSources => Fixed.Values.SelectMany(s => s).Select(c => c.Source).ToHashSet(StringComparer.Ordinal);

    /// <summary>The Linux key whose counterpart is <paramref name="source"/>, or null.</summary>
    public static string? KeyOf(string source) =>
        Fixed.FirstOrDefault(entry => entry.Value.Any(c => c.Source == source)).Key;

    private static Dictionary<string, Counterpart[]> BuildFixed() => new(StringComparer.Ordinal)
    {
        // struct vring_desc (virtio 1.2, 2.7.5)
        ["layout.sizeof.vring_desc"] = [Of(SplitLayout.DescriptorSize)],
        ["layout.offsetof.vring_desc.addr"] = [Of(SplitLayout.DescAddr)],
        ["layout.offsetof.vring_desc.len"] = [Of(SplitLayout.DescLen)],
        ["layout.offsetof.vring_desc.flags"] = [Of(SplitLayout.DescFlags)],
        ["layout.offsetof.vring_desc.next"] = [Of(SplitLayout.DescNext)],
        // struct vring_avail (2.7.6): its size is the header before ring[]
        ["layout.sizeof.vring_avail"] = [Of(SplitLayout.RingEntries)],
        ["layout.offsetof.vring_avail.flags"] = [Of(SplitLayout.RingFlags)],
        ["layout.offsetof.vring_avail.idx"] = [Of(SplitLayout.RingIdx)],
        ["layout.offsetof.vring_avail.ring"] = [Of(SplitLayout.RingEntries), Of(SplitLayout.AvailEntryOffset(0))],
        // struct vring_used_elem and struct vring_used (2.7.8)
        ["layout.sizeof.vring_used_elem"] = [Of(SplitLayout.UsedElementSize)],
        ["layout.offsetof.vring_used_elem.id"] = [new(NoSimulatorConstant + " (used element id @0)", 0)],
        ["layout.offsetof.vring_used_elem.len"] = [new(NoSimulatorConstant + " (used element len @4)", 4)],
        ["layout.sizeof.vring_used"] = [Of(SplitLayout.RingEntries)],
        ["layout.offsetof.vring_used.flags"] = [Of(SplitLayout.RingFlags)],
        ["layout.offsetof.vring_used.idx"] = [Of(SplitLayout.RingIdx)],
        ["layout.offsetof.vring_used.ring"] = [Of(SplitLayout.RingEntries), Of(SplitLayout.UsedEntryOffset(0))],
        // struct vring_packed_desc (2.8.13) and struct vring_packed_desc_event (2.8.10)
        ["layout.sizeof.vring_packed_desc"] = [Of(PackedLayout.DescriptorSize)],
        ["layout.offsetof.vring_packed_desc.addr"] = [Of(PackedLayout.DescAddr)],
        ["layout.offsetof.vring_packed_desc.len"] = [Of(PackedLayout.DescLen)],
        ["layout.offsetof.vring_packed_desc.id"] = [Of(PackedLayout.DescId)],
        ["layout.offsetof.vring_packed_desc.flags"] = [Of(PackedLayout.DescFlags)],
        ["layout.sizeof.vring_packed_desc_event"] = [Of(PackedLayout.EventAreaSize)],
        ["layout.offsetof.vring_packed_desc_event.off_wrap"] = [Of(PackedLayout.EventOffWrap)],
        ["layout.offsetof.vring_packed_desc_event.flags"] = [Of(PackedLayout.EventFlags)],
        // alignment (2.7, table "Virtqueue Part Alignment")
        ["layout.align.VRING_DESC_ALIGN_SIZE"] = [Of(SplitLayout.DescriptorTableAlignment), Of(PackedLayout.RingAlignment)],
        ["layout.align.VRING_AVAIL_ALIGN_SIZE"] = [Of(SplitLayout.AvailRingAlignment)],
        ["layout.align.VRING_USED_ALIGN_SIZE"] = [Of(SplitLayout.UsedRingAlignment)],

        // descriptor and ring flags: split and packed share NEXT, WRITE, INDIRECT
        ["flag.VRING_DESC_F_NEXT"] = [Of(SplitLayout.FlagNext), Of(PackedLayout.FlagNext)],
        ["flag.VRING_DESC_F_WRITE"] = [Of(SplitLayout.FlagWrite), Of(PackedLayout.FlagWrite)],
        ["flag.VRING_DESC_F_INDIRECT"] = [Of(SplitLayout.FlagIndirect), Of(PackedLayout.FlagIndirect)],
        ["flag.VRING_AVAIL_F_NO_INTERRUPT"] = [Of(SplitLayout.AvailFlagNoInterrupt)],
        ["flag.VRING_USED_F_NO_NOTIFY"] = [Of(SplitLayout.UsedFlagNoNotify)],
        ["flag.VRING_PACKED_DESC_F_AVAIL"] = [Bit(PackedLayout.FlagAvail)],
        ["flag.VRING_PACKED_DESC_F_USED"] = [Bit(PackedLayout.FlagUsed)],
        ["flag.VRING_PACKED_EVENT_FLAG_ENABLE"] = [Of(PackedLayout.EventFlagEnable)],
        ["flag.VRING_PACKED_EVENT_FLAG_DISABLE"] = [Of(PackedLayout.EventFlagDisable)],
        ["flag.VRING_PACKED_EVENT_FLAG_DESC"] = [Of(PackedLayout.EventFlagDesc)],
        ["flag.VRING_PACKED_EVENT_F_WRAP_CTR"] = [Of(PackedLayout.EventWrapCounterBit)],

        // reserved feature bits (virtio 1.2, 6), as bit numbers
        ["feature.VIRTIO_RING_F_INDIRECT_DESC"] = [Bit(VirtioFeatures.IndirectDesc)],
        ["feature.VIRTIO_RING_F_EVENT_IDX"] = [Bit(VirtioFeatures.EventIdx)],
        ["feature.VIRTIO_F_VERSION_1"] = [Bit(VirtioFeatures.Version1)],
        ["feature.VIRTIO_F_ACCESS_PLATFORM"] = [Bit(VirtioFeatures.AccessPlatform)],
        ["feature.VIRTIO_F_RING_PACKED"] = [Bit(VirtioFeatures.RingPacked)],
        ["feature.VIRTIO_F_IN_ORDER"] = [Bit(VirtioFeatures.InOrder)],
        ["feature.VIRTIO_F_ORDER_PLATFORM"] = [Bit(VirtioFeatures.OrderPlatform)],
        ["feature.VIRTIO_F_SR_IOV"] = [Bit(VirtioFeatures.SrIov)],
        ["feature.VIRTIO_F_NOTIFICATION_DATA"] = [Bit(VirtioFeatures.NotificationData)],
        ["feature.VIRTIO_F_NOTIF_CONFIG_DATA"] = [Bit(VirtioFeatures.NotifConfigData)],
        ["feature.VIRTIO_F_RING_RESET"] = [Bit(VirtioFeatures.RingReset)],

        // device status (2.1)
        ["status.VIRTIO_CONFIG_S_ACKNOWLEDGE"] = [Of((ulong)DeviceStatus.Acknowledge)],
        ["status.VIRTIO_CONFIG_S_DRIVER"] = [Of((ulong)DeviceStatus.Driver)],
        ["status.VIRTIO_CONFIG_S_DRIVER_OK"] = [Of((ulong)DeviceStatus.DriverOk)],
        ["status.VIRTIO_CONFIG_S_FEATURES_OK"] = [Of((ulong)DeviceStatus.FeaturesOk)],
        ["status.VIRTIO_CONFIG_S_SUSPEND"] = [Of((ulong)DeviceStatus.Suspend)],
        ["status.VIRTIO_CONFIG_S_NEEDS_RESET"] = [Of((ulong)DeviceStatus.DeviceNeedsReset)],
        ["status.VIRTIO_CONFIG_S_FAILED"] = [Of((ulong)DeviceStatus.Failed)],

        // virtio-mmio registers (4.2.2) and interrupt bits
        ["mmio.VIRTIO_MMIO_MAGIC_VALUE"] = [Of(MmioRegister.MagicValue)],
        ["mmio.VIRTIO_MMIO_VERSION"] = [Of(MmioRegister.Version)],
        ["mmio.VIRTIO_MMIO_DEVICE_ID"] = [Of(MmioRegister.DeviceId)],
        ["mmio.VIRTIO_MMIO_VENDOR_ID"] = [Of(MmioRegister.VendorId)],
        ["mmio.VIRTIO_MMIO_DEVICE_FEATURES"] = [Of(MmioRegister.DeviceFeatures)],
        ["mmio.VIRTIO_MMIO_DEVICE_FEATURES_SEL"] = [Of(MmioRegister.DeviceFeaturesSel)],
        ["mmio.VIRTIO_MMIO_DRIVER_FEATURES"] = [Of(MmioRegister.DriverFeatures)],
        ["mmio.VIRTIO_MMIO_DRIVER_FEATURES_SEL"] = [Of(MmioRegister.DriverFeaturesSel)],
        ["mmio.VIRTIO_MMIO_GUEST_PAGE_SIZE"] = [Of(MmioRegister.LegacyGuestPageSize)],
        ["mmio.VIRTIO_MMIO_QUEUE_SEL"] = [Of(MmioRegister.QueueSel)],
        ["mmio.VIRTIO_MMIO_QUEUE_NUM_MAX"] = [Of(MmioRegister.QueueNumMax)],
        ["mmio.VIRTIO_MMIO_QUEUE_NUM"] = [Of(MmioRegister.QueueNum)],
        ["mmio.VIRTIO_MMIO_QUEUE_ALIGN"] = [Of(MmioRegister.LegacyQueueAlign)],
        ["mmio.VIRTIO_MMIO_QUEUE_PFN"] = [Of(MmioRegister.LegacyQueuePfn)],
        ["mmio.VIRTIO_MMIO_QUEUE_READY"] = [Of(MmioRegister.QueueReady)],
        ["mmio.VIRTIO_MMIO_QUEUE_NOTIFY"] = [Of(MmioRegister.QueueNotify)],
        ["mmio.VIRTIO_MMIO_INTERRUPT_STATUS"] = [Of(MmioRegister.InterruptStatus)],
        ["mmio.VIRTIO_MMIO_INTERRUPT_ACK"] = [Of(MmioRegister.InterruptAck)],
        ["mmio.VIRTIO_MMIO_STATUS"] = [Of(MmioRegister.Status)],
        ["mmio.VIRTIO_MMIO_QUEUE_DESC_LOW"] = [Of(MmioRegister.QueueDescLow)],
        ["mmio.VIRTIO_MMIO_QUEUE_DESC_HIGH"] = [Of(MmioRegister.QueueDescHigh)],
        ["mmio.VIRTIO_MMIO_QUEUE_AVAIL_LOW"] = [Of(MmioRegister.QueueDriverLow)],
        ["mmio.VIRTIO_MMIO_QUEUE_AVAIL_HIGH"] = [Of(MmioRegister.QueueDriverHigh)],
        ["mmio.VIRTIO_MMIO_QUEUE_USED_LOW"] = [Of(MmioRegister.QueueDeviceLow)],
        ["mmio.VIRTIO_MMIO_QUEUE_USED_HIGH"] = [Of(MmioRegister.QueueDeviceHigh)],
        ["mmio.VIRTIO_MMIO_SHM_SEL"] = [Of(MmioRegister.ShmSel)],
        ["mmio.VIRTIO_MMIO_SHM_LEN_LOW"] = [Of(MmioRegister.ShmLenLow)],
        ["mmio.VIRTIO_MMIO_SHM_LEN_HIGH"] = [Of(MmioRegister.ShmLenHigh)],
        ["mmio.VIRTIO_MMIO_SHM_BASE_LOW"] = [Of(MmioRegister.ShmBaseLow)],
        ["mmio.VIRTIO_MMIO_SHM_BASE_HIGH"] = [Of(MmioRegister.ShmBaseHigh)],
        ["mmio.VIRTIO_MMIO_QUEUE_RESET"] = [Of(MmioRegister.QueueReset)],
        ["mmio.VIRTIO_MMIO_CONFIG_GENERATION"] = [Of(MmioRegister.ConfigGeneration)],
        ["mmio.VIRTIO_MMIO_CONFIG"] = [Of(MmioRegister.Config)],
        ["mmio.VIRTIO_MMIO_INT_VRING"] = [Of((ulong)MmioInterrupt.UsedBuffer)],
        ["mmio.VIRTIO_MMIO_INT_CONFIG"] = [Of((ulong)MmioInterrupt.ConfigChange)],

        // device ids (virtio 1.2, 5): the simulator has no device-id constants yet
        ["device_id.VIRTIO_ID_NET"] = [SpecDeviceId(1)],
        ["device_id.VIRTIO_ID_BLOCK"] = [SpecDeviceId(2)],
        ["device_id.VIRTIO_ID_CONSOLE"] = [SpecDeviceId(3)],
        ["device_id.VIRTIO_ID_RNG"] = [SpecDeviceId(4)],
        ["device_id.VIRTIO_ID_BALLOON"] = [SpecDeviceId(5)],
        ["device_id.VIRTIO_ID_SCSI"] = [SpecDeviceId(8)],
        ["device_id.VIRTIO_ID_9P"] = [SpecDeviceId(9)],
        ["device_id.VIRTIO_ID_GPU"] = [SpecDeviceId(16)],
        ["device_id.VIRTIO_ID_INPUT"] = [SpecDeviceId(18)],
        ["device_id.VIRTIO_ID_VSOCK"] = [SpecDeviceId(19)],
        ["device_id.VIRTIO_ID_CRYPTO"] = [SpecDeviceId(20)],
        ["device_id.VIRTIO_ID_IOMMU"] = [SpecDeviceId(23)],
        ["device_id.VIRTIO_ID_MEM"] = [SpecDeviceId(24)],
        ["device_id.VIRTIO_ID_SOUND"] = [SpecDeviceId(25)],
        ["device_id.VIRTIO_ID_FS"] = [SpecDeviceId(26)],
        ["device_id.VIRTIO_ID_PMEM"] = [SpecDeviceId(27)],
        ["device_id.VIRTIO_ID_RPMB"] = [SpecDeviceId(28)],
        ["device_id.VIRTIO_ID_SCMI"] = [SpecDeviceId(32)],
        ["device_id.VIRTIO_ID_I2C_ADAPTER"] = [SpecDeviceId(34)],
        ["device_id.VIRTIO_ID_GPIO"] = [SpecDeviceId(41)],
    };

    private static Counterpart Of(ulong value, [CallerArgumentExpression(nameof(value))] string source = "") =>
        new(source.StartsWith("(ulong)", StringComparison.Ordinal) ? source["(ulong)".Length..] : source, value);

    private static Counterpart Of(long value, [CallerArgumentExpression(nameof(value))] string source = "") =>
        new(source, unchecked((ulong)value));

    /// <summary>The bit number of a one-bit mask; ulong.MaxValue (never a Linux value) if the mask is not exactly one bit.</summary>
    private static Counterpart Bit(ulong mask, [CallerArgumentExpression(nameof(mask))] string source = "") =>
        new($"bit of {source}", BitOperations.PopCount(mask) == 1 ? (ulong)BitOperations.TrailingZeroCount(mask) : ulong.MaxValue);

    private static Counterpart SpecDeviceId(ulong id) => new($"{NoSimulatorConstant} (device id {id})", id);

    private static int Int(string text) => int.Parse(text, CultureInfo.InvariantCulture);

    private static ulong ULong(string text) => ulong.Parse(text, CultureInfo.InvariantCulture);

    private static ushort UShort(string text) => ushort.Parse(text, CultureInfo.InvariantCulture);
}
