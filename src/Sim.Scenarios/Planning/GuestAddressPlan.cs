using Sim.Devices.Blk;
using Sim.Devices.Echo;
using Sim.Devices.Gpio;
using Sim.Devices.Gpu;
using Sim.Devices.I2c;
using Sim.Devices.Input;
using Sim.Devices.Iommu;
using Sim.Devices.Rpmb;
using Sim.Devices.Net;
using Sim.Devices.Scmi;
using Sim.Devices.Sound;
using Sim.Hypervisors.Memory;
using Sim.Hypervisors.Platform;
using Sim.Hypervisors.Window;
using Sim.Hypervisors.Xen;
using Sim.Scenarios.Model;
using Sim.Devices.Scmi.Protocol;

namespace Sim.Scenarios.Planning;

/// <summary>
/// Where a guest's devices sit in its memory, known before any world is built: devices one after another from the
/// second page (address 0 is never valid), each taking its own guest layout (rings, request buffers) and then the
/// regions its sharing mechanism needs (grant table, IOMMU request ring, bounce window or pool), page-aligned. The
/// scenario reader checks a guest's memory against it; the world builders place devices by it.
/// </summary>
public static class GuestAddressPlan
{
    /// <summary>Where a guest's first device starts: the second page.</summary>
    public const ulong FirstDeviceStart = GuestMemory.PageSize;

    /// <summary>Size of the virtio-iommu request queue a device behind the IOMMU gets.</summary>
    public const ushort IommuRequestQueueSize = 64;

    /// <summary>Size of a virtio-scmi channel's cmdq and eventq.</summary>
    public const ushort ScmiQueueSize = 16;

    /// <summary>SCMI commands in flight at most on one channel.</summary>
    public const int ScmiSlots = 8;

    /// <summary>Event buffers a virtio-scmi channel keeps posted on its eventq.</summary>
    public const int ScmiEventBuffers = 8;

    /// <summary>Guest memory the platform needs after the device's own layout (grant table, IOMMU ring, window or pool), with page alignment.</summary>
    public static ulong PlatformRegionBytes(SharingModel model)
    {
        const ulong page = GuestMemory.PageSize;
        const ulong grantTable = (ulong)GrantTable.DefaultMaxFrames * GuestMemory.PageSize;
        return model.Mechanism switch
        {
            FullMapping.MechanismName => 0,
            WindowSharing.MechanismName => model.WindowBytes + page,
            IommuSharing.MechanismName => VirtqueueIommuPort.RegionBytesFor(IommuRequestQueueSize) + page,
            PersistentGrantSharing.MechanismName => grantTable + model.WindowBytes + 2 * page,
            _ => grantTable + page,
        };
    }

    /// <summary>The guest memory every device of <paramref name="guest"/> takes, placed one after another (the end of the last).</summary>
    public static ulong MemoryNeeded(GuestModel guest)
    {
        ulong next = FirstDeviceStart;
        foreach (var device in guest.Devices) next = End(device, next);
        foreach (var device in guest.Blk) next = End(device, next);
        foreach (var device in guest.Net) next = End(device, next);
        foreach (var device in guest.Input) next = End(device, next);
        foreach (var device in guest.Sound) next = End(device, next);
        foreach (var device in guest.Rpmb) next = End(device, next);
        foreach (var device in guest.I2c) next = End(device, next);
        foreach (var device in guest.Gpio) next = End(device, next);
        foreach (var device in guest.Gpu) next = End(device, next);
        return next;
    }

    /// <summary>Guest memory echo device <paramref name="device"/> takes from <paramref name="start"/> on; the next device starts there.</summary>
    public static ulong End(EchoDeviceModel device, ulong start) =>
        Alignment.PageAlign(EchoGuestLayout.For(device.QueueSize, device.Workload.Outstanding, device.Workload.RequestBytes, device.Workload.ResponseBytes, start).End
            + PlatformRegionBytes(device.Sharing));

    /// <summary>Guest memory virtio-blk device <paramref name="device"/> takes from <paramref name="start"/> on; the next device starts there.</summary>
    public static ulong End(BlkDeviceModel device, ulong start) =>
        Alignment.PageAlign(BlkGuestLayout.For(device.QueueSize, device.Workload.QueueDepth, device.Workload.RequestBytes, start).End
            + PlatformRegionBytes(device.Sharing));

    /// <summary>Guest memory net device <paramref name="device"/> takes from <paramref name="start"/> on (none unless it is virtio); the next device starts there.</summary>
    public static ulong End(NetDeviceModel device, ulong start) =>
        device.IsVirtio ? Alignment.PageAlign(NetLayout(device, start).End + PlatformRegionBytes(device.Sharing)) : start;

    /// <summary>Guest memory virtio-input device <paramref name="device"/> takes from <paramref name="start"/> on; the next device starts there.</summary>
    public static ulong End(InputDeviceModel device, ulong start) =>
        Alignment.PageAlign(InputLayout(device, start).End + PlatformRegionBytes(device.Sharing));

    /// <summary>Guest memory virtio-snd device <paramref name="device"/> takes from <paramref name="start"/> on; the next device starts there.</summary>
    public static ulong End(SoundDeviceModel device, ulong start) =>
        Alignment.PageAlign(SoundLayout(device, start).End + PlatformRegionBytes(device.Sharing));

    /// <summary>Where a virtio-snd device's rings and buffers sit from <paramref name="start"/> on.</summary>
    public static SoundGuestLayout SoundLayout(SoundDeviceModel device, ulong start) =>
        SoundGuestLayout.For(device.QueueSize, device.Workload.TotalStreams, device.Workload.Slots, device.Workload.PeriodBytes, start, device.Workload.CaptureSlots, device.Workload.CapturePeriodBytes);
    /// <summary>Guest memory virtio-i2c adapter <paramref name="device"/> takes from <paramref name="start"/> on; the next device starts there.</summary>
    public static ulong End(I2cDeviceModel device, ulong start) =>
        Alignment.PageAlign(I2cLayout(device, start).End + PlatformRegionBytes(device.Sharing));

    /// <summary>Where a virtio-i2c adapter's rings and buffers sit from <paramref name="start"/> on.</summary>
    public static I2cGuestLayout I2cLayout(I2cDeviceModel device, ulong start) =>
        I2cGuestLayout.For(device.QueueSize, I2cWorkload.MessagesPerTransfer, device.Workload.ReadBytes, start);

    /// <summary>Guest memory virtio-gpio device <paramref name="device"/> takes from <paramref name="start"/> on; the next device starts there.</summary>
    public static ulong End(GpioDeviceModel device, ulong start) =>
        Alignment.PageAlign(GpioLayout(device, start).End + PlatformRegionBytes(device.Sharing));

    /// <summary>Where a virtio-gpio device's rings and buffers sit from <paramref name="start"/> on.</summary>
    public static GpioGuestLayout GpioLayout(GpioDeviceModel device, ulong start) =>
        GpioGuestLayout.For(device.QueueSize, device.Workload.Outstanding, device.Lines.Count, device.NamesSize, start);

    /// <summary>Guest memory virtio-gpu device <paramref name="device"/> takes from <paramref name="start"/> on; the next device starts there.</summary>
    public static ulong End(GpuDeviceModel device, ulong start) =>
        Alignment.PageAlign(GpuLayout(device, start).End + PlatformRegionBytes(device.Sharing));

    /// <summary>Where a virtio-gpu device's rings, command buffers and backing sit from <paramref name="start"/> on.</summary>
    public static GpuGuestLayout GpuLayout(GpuDeviceModel device, ulong start) => GpuGuestLayout.For(device.QueueSize, device.Workload, start);

    /// <summary>Where a virtio-input device's rings and buffers sit from <paramref name="start"/> on.</summary>
    public static InputGuestLayout InputLayout(InputDeviceModel device, ulong start) =>
        InputGuestLayout.For(device.QueueSize, device.Workload.EventBuffers, start);

    /// <summary>Guest memory virtio-rpmb device <paramref name="device"/> takes from <paramref name="start"/> on; the next device starts there.</summary>
    public static ulong End(RpmbDeviceModel device, ulong start) =>
        Alignment.PageAlign(RpmbLayout(device, start).End + PlatformRegionBytes(device.Sharing));

    /// <summary>Where a virtio-rpmb device's rings and buffers sit from <paramref name="start"/> on.</summary>
    public static RpmbGuestLayout RpmbLayout(RpmbDeviceModel device, ulong start) => RpmbGuestLayout.For(device.QueueSize, device.Workload, start);

    /// <summary>Where a virtio-net device's rings and buffers sit from <paramref name="start"/> on.</summary>
    public static NetGuestLayout NetLayout(NetDeviceModel device, ulong start) =>
        NetGuestLayout.For(device.Pairs, device.QueueSize, device.Workload.Outstanding, device.Workload.FrameBytes, start);

    /// <summary>Where a virtio-scmi channel's rings and buffers sit from <paramref name="start"/> on.</summary>
    public static ScmiGuestLayout ScmiLayout(ulong start) => ScmiGuestLayout.For(start, ScmiQueueSize, ScmiSlots, ScmiEventBuffers);

    /// <summary>The first guest address after a virtio-scmi channel placed at <paramref name="start"/> with <paramref name="sharing"/>.</summary>
    public static ulong ScmiEnd(SharingModel sharing, ulong start) => ScmiLayout(start).End + PlatformRegionBytes(sharing);
}
