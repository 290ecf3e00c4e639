using System.Buffers.Binary;
using Sim.Devices.Common;
using Sim.Devices.Virtio;
using Sim.Devices.Virtio.Facilities;
using Sim.Devices.Virtio.Queues;
using Sim.Hypervisors.Memory;
using Sim.Hypervisors.Platform;
using Sim.Hypervisors.Window;

namespace Sim.Devices.Echo;

/// <summary>
/// The echo device's guest driver, a <see cref="VirtioDriver"/> whose requests come as its <see cref="RequestArrivals"/> bring them: each request is a readable request buffer (its first 8
/// bytes the request number) and a writable response buffer, both mapped through the platform and put in the chain by
/// DMA address. On completion it unmaps both and checks that the device wrote the whole response and echoed the number.
/// It asks for the ring features in <paramref name="wantedFeatures"/> and requires the ring format it asked for.
/// Metrics: those of <see cref="VirtioDriver"/> (<c>bytes</c>: request plus response bytes).
/// </summary>
public sealed class EchoDriver(
    GuestMemory memory,
    DriverWiring wiring,
    IDriverPlatform platform,
    ulong wantedFeatures,
    ushort queueSize,
    EchoGuestLayout layout,
    EchoWorkload workload,
    RequestArrivals arrivals,
    RingCosts costs) : VirtioDriver(memory, wiring, platform, costs, workload.Outstanding, arrivals)
{
    private readonly long[] _tags = new long[workload.Outstanding];
    private readonly DmaBuffer[] _requests = new DmaBuffer[workload.Outstanding];
    private readonly DmaBuffer[] _responses = new DmaBuffer[workload.Outstanding];
    private readonly byte[] _request = new byte[workload.RequestBytes];
    private long _nextTag;

    /// <inheritdoc />
    protected override bool InitialiseDevice()
    {
        var setup = new QueueSetup(0, queueSize, layout.DescriptorArea, layout.DriverArea, layout.DeviceArea);
        return StartTransport(wantedFeatures, wantedFeatures & (VirtioFeatures.RingPacked | VirtioFeatures.Version1), setup, layout.IndirectArea, layout.MaxIndirectEntries);
    }

    /// <summary>Writes the request (its number, then zeros) into <paramref name="slot"/>'s request buffer.</summary>
    protected override void Prepare(int slot)
    {
        long tag = ++_nextTag;
        _tags[slot] = tag;
        _request.AsSpan().Clear();
        BinaryPrimitives.WriteInt64LittleEndian(_request, tag);
        Memory.Write(layout.RequestBuffer(slot), _request);
        Spend(Costs.Copy(workload.RequestBytes));
    }

    /// <inheritdoc />
    protected override Submit TrySubmit(int slot)
    {
        var request = TryMap(layout.RequestBuffer(slot), (uint)workload.RequestBytes, DmaDirection.ToDevice, out _requests[slot]);
        if (request != DmaMapStatus.Mapped) return Failed(request);
        var response = TryMap(layout.ResponseBuffer(slot), (uint)workload.ResponseBytes, DmaDirection.FromDevice, out _responses[slot]);
        if (response != DmaMapStatus.Mapped) return Failed(response, _requests[slot]);
        ReadOnlySpan<BufferSpec> readable = [new BufferSpec(_requests[slot].DmaAddress, (uint)workload.RequestBytes)];
        ReadOnlySpan<BufferSpec> writable = [new BufferSpec(_responses[slot].DmaAddress, (uint)workload.ResponseBytes)];
        return AddChain(slot, readable, writable, _requests[slot], _responses[slot]);
    }

    /// <inheritdoc />
    protected override void Complete(int slot, uint written)
    {
        Unmap(_requests[slot]);
        Unmap(_responses[slot]);
        Spend(Costs.Copy(written));
        Span<byte> tag = stackalloc byte[EchoWorkload.TagBytes];
        Memory.Read(layout.ResponseBuffer(slot), tag);
        long echoed = BinaryPrimitives.ReadInt64LittleEndian(tag);
        CountBytes(workload.RequestBytes + written);
        if (written != workload.ResponseBytes || echoed != _tags[slot])
            ReportFinding("echo-response-mismatch", $"slot {slot}: {written} bytes written, tag {echoed}; expected {workload.ResponseBytes} bytes and tag {_tags[slot]}", null);
    }
}
