using Sim.Core.Actors;
using Sim.Core.Running;
using Sim.Devices.Adversaries;
using Sim.Devices.Adversaries.Requests;
using Sim.Devices.Blk;
using Sim.Devices.Common;
using Sim.Devices.Gpio;
using Sim.Devices.I2c;
using Sim.Devices.Input;
using Sim.Devices.Net;
using Sim.Devices.Gpu;
using Sim.Devices.Rpmb;
using Sim.Devices.Sound;
using Sim.Hypervisors.Memory;
using Sim.Hypervisors.Platform;
using Sim.Scenarios.Model;
using Sim.Scenarios.Planning;

namespace Sim.Worlds.Running;

/// <summary>
/// What a hostile-driver run builds for one device: its assembly (platform and transport), its real backend and the
/// backend's companions as the device's world builder adds them, the area its rings are shared in
/// (<c>RingStart</c> to <c>Buffers</c>) and the first address after the device and its platform regions.
/// </summary>
internal sealed record HostileDeviceBuilt(DeviceAssembly Assembly, BusyResource Backend, ulong RingStart, ulong Buffers, ulong End);

/// <summary>
/// One device type under a hostile driver: the scenario text of the device (<c>type</c> and its own keys), its requests
/// (<see cref="IMalformedRequests"/>) and how its backend is built: the same calls as its world builder
/// (<see cref="BlkWorldBuilder"/>, <see cref="NetWorldBuilder"/>, <see cref="InputWorldBuilder"/>,
/// <see cref="SoundWorldBuilder"/>, <see cref="RpmbWorldBuilder"/>, <see cref="I2cWorldBuilder"/>,
/// <see cref="GpioWorldBuilder"/>), with the well-behaved driver left out. A new device type is one entry of
/// <see cref="All"/>.
/// </summary>
internal sealed record HostileDeviceCase(string Device, string Body, Func<GuestModel, IMalformedRequests> Requests,
    Func<Simulation, GuestModel, GuestMemory, PlatformCosts, AccessLog, ulong, HostileDeviceBuilt> Build)
{
    /// <summary>Every device type, by name.</summary>
    public static readonly IReadOnlyDictionary<string, HostileDeviceCase> All = new HostileDeviceCase[]
    {
        new("blk", "type: blk, workload: { requestSize: 4KiB, queueDepth: 1 }", g => new BlkMalformedRequests(g.Blk[0].CapacitySectors), Blk),
        new("net", "type: net, workload: { frameBytes: 300, outstanding: 1, interarrival: { exponential: 20us } }", _ => new NetMalformedRequests(), Net),
        new("input", "type: input, source: { kind: rotary, gap: { constant: 20ms }, pause: { constant: 200ms } }", _ => new InputMalformedRequests(), Input),
        new("sound", "type: sound, source: { streams: 1, rate: 48000Hz, channels: 2, periodTime: 10ms, periods: 4 }", _ => new SoundMalformedRequests(), Sound),
        new("rpmb", "type: rpmb, capacity: 1, workload: { interarrival: { exponential: 10ms }, writeFraction: 0.5, blocks: 2 }", _ => new RpmbMalformedRequests(), Rpmb),
        new("i2c", "type: i2c, bus: { speed: fast, sensors: [ { address: 72 } ] }, poll: { address: 72, readBytes: 2, period: { constant: 500us } }",
            _ => new I2cMalformedRequests(72), I2c),
        new("gpio", "type: gpio, toggle: { constant: 2ms }, lines: [ { name: door, role: input, irq: edge-both, high: { exponential: 400us }, low: { exponential: 400us } }, " +
                    "{ name: light, role: output }, { name: spare } ]", g => new GpioMalformedRequests(g.Gpio[0].Lines.Count), Gpio),
        new("gpu", "type: gpu, display: { width: 64, height: 32, refresh: 60Hz }", _ => new GpuMalformedRequests(), Gpu),
    }.ToDictionary(c => c.Device, StringComparer.Ordinal);

    private static HostileDeviceBuilt Blk(Simulation simulation, GuestModel guest, GuestMemory memory, PlatformCosts costs, AccessLog log, ulong start)
    {
        var device = guest.Blk[0];
        var layout = BlkGuestLayout.For(device.QueueSize, device.Workload.QueueDepth, device.Workload.RequestBytes, start);
        ulong buffers = device.CoherentHeaders ? layout.DataArea : layout.ControlArea;
        var assembly = DeviceAssembly.Begin(simulation, guest, device.Name, device.Sharing, memory, costs, log, (layout.DescriptorArea, buffers, layout.End),
            BlkDriver.DeviceId, BlkFeatures.Flush, [device.QueueSize], BlkConfigSpace.Build(device.CapacitySectors));
        var storage = new BlkStorage(device.CapacitySectors, BlkCosts.StorageFrom(costs.Profile, ramDisk: device.Storage == "ram"), keepsContent: true);
        var backend = assembly.AddBackend(new BlkBackend(assembly.Platform, storage, device.Workload.StorageChannels, RingCosts.From(costs.Profile), assembly.BackendWiring(null)));
        return new HostileDeviceBuilt(assembly, backend, layout.DescriptorArea, buffers, GuestAddressPlan.End(device, start));
    }

    private static HostileDeviceBuilt Net(Simulation simulation, GuestModel guest, GuestMemory memory, PlatformCosts costs, AccessLog log, ulong start)
    {
        var device = guest.Net[0];
        var layout = GuestAddressPlan.NetLayout(device, start);
        var assembly = DeviceAssembly.Begin(simulation, guest, device.Name, device.Sharing, memory, costs, log, (layout.RingStart, layout.RxBufferArea, layout.End),
            NetDriver.DeviceId, NetFeatures.MrgRxbuf | NetFeatures.Status | (device.Pairs > 1 ? NetFeatures.Mq | NetFeatures.CtrlVq : 0), Enumerable.Repeat(device.QueueSize, NetQueues.QueueCount(device.Pairs, controlQueue: device.Pairs > 1)).ToList(),
            NetConfigSpace.Build(maxVirtqueuePairs: (ushort)device.Pairs));
        var backend = assembly.AddBackend(new NetBackend(assembly.Platform, RingCosts.From(costs.Profile), NetCosts.From(costs.Profile, device.BackendCostKind),
            assembly.BackendWiring(null), device.Pairs));
        return new HostileDeviceBuilt(assembly, backend, layout.RingStart, layout.RxBufferArea, GuestAddressPlan.End(device, start));
    }

    private static HostileDeviceBuilt Input(Simulation simulation, GuestModel guest, GuestMemory memory, PlatformCosts costs, AccessLog log, ulong start)
    {
        var device = guest.Input[0];
        var layout = GuestAddressPlan.InputLayout(device, start);
        var assembly = DeviceAssembly.Begin(simulation, guest, device.Name, device.Sharing, memory, costs, log, (layout.RingStart, layout.EventBufferArea, layout.End),
            InputLayout.DeviceId, 0, [device.QueueSize, device.QueueSize], InputConfigSpace.Initial());
        InputConfigSpace.Attach(device.Workload.Profile, assembly.Transport.Device);
        var backend = assembly.AddBackend(new InputBackend(assembly.Platform, RingCosts.From(costs.Profile), InputCosts.From(costs.Profile), assembly.BackendWiring(null)));
        assembly.Add("source", new InputReportSource(device.Workload, backend.Ref));
        return new HostileDeviceBuilt(assembly, backend, layout.RingStart, layout.EventBufferArea, GuestAddressPlan.End(device, start));
    }

    private static HostileDeviceBuilt Sound(Simulation simulation, GuestModel guest, GuestMemory memory, PlatformCosts costs, AccessLog log, ulong start)
    {
        var device = guest.Sound[0];
        var layout = GuestAddressPlan.SoundLayout(device, start);
        var assembly = DeviceAssembly.Begin(simulation, guest, device.Name, device.Sharing, memory, costs, log, (layout.RingStart, layout.EventBufferArea, layout.End),
            SoundLayout.DeviceId, 0, Enumerable.Repeat(device.QueueSize, SoundLayout.QueueCount).ToArray(), SoundLayout.ConfigBytes(0, (uint)device.Workload.Streams, 0));
        var streams = Enumerable.Repeat(PcmStreamInfo.Playback(device.Workload.Parameters.Rate), device.Workload.Streams).ToList();
        var backend = assembly.AddBackend(new SoundBackend(assembly.Platform, streams, RingCosts.From(costs.Profile), SoundCosts.From(costs.Profile), assembly.BackendWiring(null)));
        return new HostileDeviceBuilt(assembly, backend, layout.RingStart, layout.EventBufferArea, GuestAddressPlan.End(device, start));
    }

    private static HostileDeviceBuilt Rpmb(Simulation simulation, GuestModel guest, GuestMemory memory, PlatformCosts costs, AccessLog log, ulong start)
    {
        var device = guest.Rpmb[0];
        var layout = GuestAddressPlan.RpmbLayout(device, start);
        var config = new byte[RpmbLayout.ConfigSize];
        device.Workload.Device.WriteTo(config);
        var assembly = DeviceAssembly.Begin(simulation, guest, device.Name, device.Sharing, memory, costs, log, (layout.Rings.Descriptors, layout.RequestBuffer, layout.End),
            RpmbLayout.DeviceId, 0, [device.QueueSize], config);
        var backend = assembly.AddBackend(new RpmbBackend(assembly.Platform, device.Workload.Device, RingCosts.From(costs.Profile), RpmbCosts.From(costs.Profile), assembly.BackendWiring(null)));
        return new HostileDeviceBuilt(assembly, backend, layout.Rings.Descriptors, layout.RequestBuffer, GuestAddressPlan.End(device, start));
    }

    private static HostileDeviceBuilt I2c(Simulation simulation, GuestModel guest, GuestMemory memory, PlatformCosts costs, AccessLog log, ulong start)
    {
        var device = guest.I2c[0];
        var layout = GuestAddressPlan.I2cLayout(device, start);
        var assembly = DeviceAssembly.Begin(simulation, guest, device.Name, device.Sharing, memory, costs, log, (layout.RingStart, layout.SlotArea, layout.End),
            I2cLayout.DeviceId, 1UL << I2cLayout.FeatureZeroLengthRequest, [device.QueueSize], []);
        var backend = assembly.AddBackend(new I2cBackend(assembly.Platform, device.BuildBus(), RingCosts.From(costs.Profile), I2cCosts.From(costs.Profile), assembly.BackendWiring(null)));
        return new HostileDeviceBuilt(assembly, backend, layout.RingStart, layout.SlotArea, GuestAddressPlan.End(device, start));
    }

    private static HostileDeviceBuilt Gpu(Simulation simulation, GuestModel guest, GuestMemory memory, PlatformCosts costs, AccessLog log, ulong start)
    {
        var device = guest.Gpu[0];
        var layout = GuestAddressPlan.GpuLayout(device, start);
        var assembly = DeviceAssembly.Begin(simulation, guest, device.Name, device.Sharing, memory, costs, log, (layout.RingStart, layout.RequestArea, layout.End),
            GpuLayout.DeviceId, 0, [device.QueueSize, device.QueueSize], GpuConfigSpace.Build(1));
        var table = new GpuResourceTable([device.Workload.Mode], device.HostMemory);
        var backend = assembly.AddBackend(new GpuBackend(assembly.Platform, table, RingCosts.From(costs.Profile), GpuCosts.From(costs.Profile), assembly.BackendWiring(null)));
        return new HostileDeviceBuilt(assembly, backend, layout.RingStart, layout.RequestArea, GuestAddressPlan.End(device, start));
    }

    private static HostileDeviceBuilt Gpio(Simulation simulation, GuestModel guest, GuestMemory memory, PlatformCosts costs, AccessLog log, ulong start)
    {
        var device = guest.Gpio[0];
        var layout = GuestAddressPlan.GpioLayout(device, start);
        var chip = new GpioChip([.. device.Lines.Select(l => l.Name)]);
        var assembly = DeviceAssembly.Begin(simulation, guest, device.Name, device.Sharing, memory, costs, log, (layout.RingStart, layout.SlotArea, layout.End),
            GpioLayout.DeviceId, 1UL << GpioLayout.FeatureIrq, [device.QueueSize, device.QueueSize], chip.Config());
        var backend = assembly.AddBackend(new GpioBackend(assembly.Platform, chip, RingCosts.From(costs.Profile), GpioCosts.From(costs.Profile), assembly.BackendWiring(null)));
        assembly.Add("lines", new GpioLineSource(device.Workload, backend.Ref));
        return new HostileDeviceBuilt(assembly, backend, layout.RingStart, layout.SlotArea, GuestAddressPlan.End(device, start));
    }
}
