using Sim.Core.Actors;
using Sim.Devices.Common;
using Sim.Devices.Virtio;
using Sim.Devices.Virtio.Facilities;
using Sim.Devices.Virtio.Queues;
using Sim.Hypervisors.Memory;

namespace Sim.Devices.Tests.Common;

/// <summary>
/// A careless guest's one request: initialises its device with <paramref name="features"/> and
/// <paramref name="queues"/>, lets <paramref name="addChain"/> put one chain on queue 0, kicks it, and passes a
/// DEVICE_NEEDS_RESET on to the transport as a driver must (virtio 1.2, 2.1.2), so a test can check what the device made
/// of a malformed chain.
/// </summary>
internal sealed class OneChainSender(VirtioTransport transport, ulong features, QueueSetup[] queues, GuestMemory memory, ActorRef backend,
    Action<IDriverQueue> addChain) : Actor
{
    private BackendLink? _link;

    protected override void OnStart()
    {
        _link = new BackendLink(transport.Device, (message, _) => Send(backend, message));
        var result = transport.Driver.Initialize(new TransportInitRequest(features, queues));
        Assert.True(result.Success, result.Reason);
        addChain(Virtqueues.CreateDriver(memory, result.Queues[0]));
        transport.Driver.Notify(new QueueNotification(0));
    }

    protected override void Receive(object message, ActorRef sender)
    {
        switch (message)
        {
            case DeviceNeedsReset: _link!.NeedsReset(); break;
            case UsedBufferInterrupt or TransportStopped: break;
            default: Unhandled(message); break;
        }
    }
}
