using Sim.Devices.Echo;
using Sim.Hypervisors.Costs;

namespace Sim.Scenarios.Model;

/// <summary>The virtio transport part of a scenario: the cost profile (resolved, overrides applied) and the guests.</summary>
/// <param name="Costs">The cost profile every delay comes from.</param>
/// <param name="Guests">The guests, each with its memory and devices.</param>
public sealed record TransportModel(CostProfile Costs, IReadOnlyList<GuestModel> Guests);

/// <summary>A guest (domain): its name (an actor path segment), its RAM size, its platform, its devices.</summary>
/// <param name="Name">The guest's name.</param>
/// <param name="MemoryBytes">Guest RAM in bytes (a multiple of 4 KiB).</param>
/// <param name="Devices">Its echo devices.</param>
/// <param name="Platform">The hypervisor it runs on: <c>kvm</c> or <c>xen</c>.</param>
/// <param name="BlkDevices">Its virtio-blk devices.</param>
/// <param name="NetDevices">Its virtio-net devices (and host network paths).</param>
/// <param name="InputDevices">Its virtio-input devices.</param>
/// <param name="SoundDevices">Its virtio-snd devices.</param>
/// <param name="RpmbDevices">Its virtio-rpmb devices.</param>
/// <param name="I2cDevices">Its virtio-i2c adapters (virtio 1.2, 5.16).</param>
/// <param name="GpioDevices">Its virtio-gpio devices (virtio 1.2, 5.18).</param>
/// <param name="GpuDevices">Its virtio-gpu 2D devices (virtio 1.2, 5.7).</param>
public sealed record GuestModel(string Name, ulong MemoryBytes, IReadOnlyList<EchoDeviceModel> Devices, string Platform = "kvm", IReadOnlyList<BlkDeviceModel>? BlkDevices = null,
    IReadOnlyList<NetDeviceModel>? NetDevices = null, IReadOnlyList<InputDeviceModel>? InputDevices = null,
    IReadOnlyList<SoundDeviceModel>? SoundDevices = null, IReadOnlyList<RpmbDeviceModel>? RpmbDevices = null,
    IReadOnlyList<I2cDeviceModel>? I2cDevices = null, IReadOnlyList<GpioDeviceModel>? GpioDevices = null, IReadOnlyList<GpuDeviceModel>? GpuDevices = null)
{
    /// <summary>The virtio-rpmb devices (empty when none).</summary>
    public IReadOnlyList<RpmbDeviceModel> Rpmb => RpmbDevices ?? [];

    /// <summary>The virtio-input devices (empty when none).</summary>
    public IReadOnlyList<InputDeviceModel> Input => InputDevices ?? [];

    /// <summary>The virtio-snd devices (empty when none).</summary>
    public IReadOnlyList<SoundDeviceModel> Sound => SoundDevices ?? [];

    /// <summary>
    /// Every virtio device's name and sharing, in the order the world builds and places them (echo, blk, virtio-net,
    /// input, sound, rpmb, i2c, gpio, gpu): what the host's threads, the cost check and the explain page enumerate. A new device type adds itself here.
    /// </summary>
    public IEnumerable<(string Name, SharingModel Sharing)> VirtioDevices =>
        Devices.Select(d => (d.Name, d.Sharing))
            .Concat(Blk.Select(d => (d.Name, d.Sharing)))
            .Concat(Net.Where(d => d.IsVirtio).Select(d => (d.Name, d.Sharing)))
            .Concat(Input.Select(d => (d.Name, d.Sharing)))
            .Concat(Sound.Select(d => (d.Name, d.Sharing)))
            .Concat(Rpmb.Select(d => (d.Name, d.Sharing)))
            .Concat(I2c.Select(d => (d.Name, d.Sharing)))
            .Concat(Gpio.Select(d => (d.Name, d.Sharing)))
            .Concat(Gpu.Select(d => (d.Name, d.Sharing)));

    /// <summary>The virtio-i2c adapters (empty when none).</summary>
    public IReadOnlyList<I2cDeviceModel> I2c => I2cDevices ?? [];

    /// <summary>The virtio-gpio devices (empty when none).</summary>
    public IReadOnlyList<GpioDeviceModel> Gpio => GpioDevices ?? [];

    /// <summary>The virtio-gpu devices (empty when none).</summary>
    public IReadOnlyList<GpuDeviceModel> Gpu => GpuDevices ?? [];

    /// <summary>The virtio-blk devices (empty when none).</summary>
    public IReadOnlyList<BlkDeviceModel> Blk => BlkDevices ?? [];

    /// <summary>The virtio-net devices (empty when none).</summary>
    public IReadOnlyList<NetDeviceModel> Net => NetDevices ?? [];
}

/// <summary>An echo device over virtio-mmio: ring format and features the driver asks for, queue size, workload.</summary>
/// <param name="Name">The device's name within its guest.</param>
/// <param name="Packed">Ask for VIRTIO_F_RING_PACKED.</param>
/// <param name="EventIdx">Ask for VIRTIO_RING_F_EVENT_IDX.</param>
/// <param name="Indirect">Ask for VIRTIO_RING_F_INDIRECT_DESC.</param>
/// <param name="QueueSize">The queue size the driver sets (QueueNum).</param>
/// <param name="DeviceFeatures">The transport features the device offers.</param>
/// <param name="Workload">The request/response workload.</param>
/// <param name="Sharing">How the backend reaches guest memory and where it runs.</param>
public sealed record EchoDeviceModel(string Name, bool Packed, bool EventIdx, bool Indirect, ushort QueueSize, ulong DeviceFeatures, EchoWorkload Workload, SharingModel Sharing);
