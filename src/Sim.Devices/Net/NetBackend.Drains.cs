using Sim.Devices.Virtio.Queues;

namespace Sim.Devices.Net;

public sealed partial class NetBackend
{
    /// <summary>
    /// What a transmit queue's drain does with each popped chain (virtio 1.2, 5.1.6.2): send it on the wire, in the one
    /// reused chain object; a device that needs a reset (2.1.2) stops with kicks still suppressed.
    /// </summary>
    private readonly struct TransmitChains(NetBackend backend, int index) : IAvailableChainHandler
    {
        public DescriptorChain NextChain => backend._chain;
        public bool StopBeforeWaiting => backend.NeedsReset;
        public bool Serve(IDeviceQueue queue, DescriptorChain chain) => backend.Transmit(index, queue);
    }

    /// <summary>What the control queue's drain does with each popped chain (5.1.6.5): run and ack the command.</summary>
    private readonly struct ControlChains(NetBackend backend) : IAvailableChainHandler
    {
        public DescriptorChain NextChain => backend._chain;
        public bool StopBeforeWaiting => backend.NeedsReset;
        public bool Serve(IDeviceQueue queue, DescriptorChain chain) => backend.Command(queue);
    }

    /// <summary>
    /// A device reset: frames on the bus are dropped (their chains never used, their mappings released), receive buffers
    /// taken from the rings are forgotten, and a device stopped by a violation serves again once the driver re-initialises it.
    /// </summary>
    protected override void OnDeviceReset()
    {
        foreach (var id in _onBus.Keys.Order()) Spend(Platform.EndRequest(_onBus[id].Token));
        _onBus.Clear();
        _rx.ForgetAll();
        _stopped = false;
    }

    /// <inheritdoc />
    protected override void OnQueueStopped(int queue)
    {
        foreach (var id in _onBus.Where(p => p.Value.Queue == queue).Select(p => p.Key).Order().ToList())
        {
            Spend(Platform.EndRequest(_onBus[id].Token));
            _onBus.Remove(id);
        }
        _rx.Forget(queue);
    }
}
