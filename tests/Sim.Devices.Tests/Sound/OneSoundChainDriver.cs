using Sim.Devices.Common;
using Sim.Devices.Sound;
using Sim.Devices.Tests.Blk;
using Sim.Devices.Virtio.Facilities;
using Sim.Devices.Virtio.Queues;
using Sim.Hypervisors.Memory;
using Sim.Hypervisors.Platform;
using Sim.Hypervisors.Window;

namespace Sim.Devices.Tests.Sound;

/// <summary>
/// A careless virtio-snd driver for malformed-message tests (virtio 1.2, 5.14.6.8): it sets up the four queues and puts
/// one chain on <paramref name="queue"/>, made of a zero-filled buffer at <paramref name="address"/> of
/// <paramref name="readable"/> device-readable bytes followed by <paramref name="writable"/> device-writable ones (0:
/// none), then nothing more.
/// </summary>
internal sealed class OneSoundChainDriver(GuestMemory memory, DriverWiring registers, IDriverPlatform platform, SoundGuestLayout layout,
    int queue, ulong address, uint readable, uint writable)
    : VirtioDriver(memory, registers, platform, BlkWorld.Costs, 1, RequestArrivals.ClosedLoop(), requestQueue: queue)
{
    private DmaBuffer _buffer;
    private bool _sent;

    protected override bool InitialiseDevice() =>
        StartTransport(Sim.Devices.Virtio.VirtioFeatures.Version1, Sim.Devices.Virtio.VirtioFeatures.Version1,
            layout.Rings.Select((r, q) => new QueueSetup((ushort)q, layout.QueueSize, r.Descriptors, r.Driver, r.Device)).ToList(),
            layout.IndirectArea, SoundGuestLayout.EntriesPerChain);

    protected override void Prepare(int slot) => Memory.Write(address, new byte[readable + writable]);

    protected override Submit TrySubmit(int slot)
    {
        if (_sent) return Submit.Stalled;
        _sent = true;
        var status = TryMap(address, readable + writable, writable == 0 ? DmaDirection.ToDevice : DmaDirection.Bidirectional, out _buffer);
        if (status != DmaMapStatus.Mapped) return Failed(status);
        return writable == 0
            ? AddChain(slot, [new BufferSpec(_buffer.DmaAddress, readable)], [], _buffer)
            : AddChain(slot, [new BufferSpec(_buffer.DmaAddress, readable)], [new BufferSpec(_buffer.DmaAddress + readable, writable)], _buffer);
    }

    protected override void Complete(int slot, uint written) => Unmap(_buffer);
}
