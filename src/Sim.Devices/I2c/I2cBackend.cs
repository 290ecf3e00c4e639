using Sim.Core.Actors;
using Sim.Core.Costs;
using Sim.Core.Statistics;
using Sim.Core.Time;
using Sim.Devices.Common;
using Sim.Devices.Virtio.Queues;
using Sim.Hypervisors.Platform;

namespace Sim.Devices.I2c;

/// <summary>
/// The virtio-i2c adapter device (virtio 1.2, 5.16) on its backend thread, reaching guest memory only through the
/// platform, forwarding every request to its <see cref="I2cBus"/> as rust-vmm's vhost-device-i2c forwards them to the
/// host's <c>/dev/i2c-N</c>. Woken by a kick it drains the requestq in order (5.16.6.4: "MUST guarantee the requests
/// in the virtqueue being processed in order"). For each request (<see cref="I2cRequest"/>) it spends
/// <c>i2c.backend.request</c>, then the bus time of the message (<see cref="I2cBusTiming"/>, charged as <c>i2c.bus</c>:
/// the thread waits in the ioctl while the bus runs), writes a read's data and the status, uses the chain and
/// interrupts when the ring asks, each used element published when the bus is done with its message. A message whose predecessor had VIRTIO_I2C_FLAGS_FAIL_NEXT continues the transaction
/// with a repeated START; one without it ends with STOP. A target that does not answer its address is a NACK:
/// VIRTIO_I2C_MSG_ERR (<c>nacks</c>). After a failed request with FAIL_NEXT, the rest of its group fails without
/// touching the bus (5.16.6.2; <c>failedInGroup</c>). Reserved flag bits or a 10-bit address (the bus has only 7-bit
/// targets) answer VIRTIO_I2C_MSG_ERR (<c>errors</c>). A chain that breaks the layout (5.16.6.3) is a finding,
/// <c>i2c-malformed-request</c>, and the device needs a reset.
/// Metrics: <c>kicks</c>, <c>requests</c>, <c>nacks</c>, <c>failedInGroup</c>, <c>errors</c>, <c>bytesRead</c>,
/// <c>bytesWritten</c>, and those of <see cref="VirtioBackend"/>.
/// </summary>
public sealed class I2cBackend : VirtioBackend
{
    private static readonly CostKey BusKey = CostKey.Of("i2c.bus");

    /// <summary>The bus finished message <see cref="Key"/>; reused once delivered.</summary>
    private sealed class MessageDone
    {
        public long Key;
    }

    private readonly I2cAdapter _adapter;
    private readonly Queue<(long Key, ushort Id, int Descriptors, uint Used)> _pending = new();
    private readonly Stack<MessageDone> _spareDone = new();
    private long _nextKey;
    private readonly RingCosts _costs;
    private readonly I2cCosts _i2cCosts;
    private readonly DescriptorChain _chain = new();
    private readonly Counter _kicks, _requests, _nacks, _failedInGroup, _errors, _bytesRead, _bytesWritten;

    /// <summary>An adapter on <paramref name="platform"/> driving <paramref name="bus"/>, at <paramref name="costs"/> and <paramref name="i2cCosts"/>, tied by <paramref name="wiring"/>.</summary>
    public I2cBackend(IBackendPlatform platform, I2cBus bus, RingCosts costs, I2cCosts i2cCosts, BackendWiring wiring)
        : base(platform, wiring)
    {
        _adapter = new I2cAdapter(bus);
        _costs = costs ?? throw new ArgumentNullException(nameof(costs));
        _i2cCosts = i2cCosts ?? throw new ArgumentNullException(nameof(i2cCosts));
        _kicks = NewCounter("kicks");
        _requests = NewCounter("requests");
        _nacks = NewCounter("nacks");
        _failedInGroup = NewCounter("failedInGroup");
        _errors = NewCounter("errors");
        _bytesRead = NewCounter("bytesRead", "B");
        _bytesWritten = NewCounter("bytesWritten", "B");
    }

    /// <summary>The bus behind the adapter.</summary>
    public I2cBus SensorBus => _adapter.Bus;

    /// <inheritdoc />
    protected override void ServeDevice(object message, ActorRef sender)
    {
        if (message is MessageDone done)
        {
            long key = done.Key;
            _spareDone.Push(done);
            Publish(key);
            return;
        }
        if (message is not QueueKick kick)
        {
            Unhandled(message);
            return;
        }
        _kicks.Increment();
        Spend(Platform.WakeUp(FoundIdle));
        var queue = QueueFor(kick.Queue);
        if (queue is null || queue.IsBroken) return;
        var requests = new Requests(this);
        queue.DrainAvailable(ref requests);
        Spend(Platform.TakeAccrued());
    }

    /// <inheritdoc />
    protected override void OnDeviceReset() => Forget();

    /// <inheritdoc />
    protected override void OnQueueStopped(int queue) => Forget();

    private void Forget()
    {
        _adapter.Reset();
        _pending.Clear();
    }

    /// <summary>What a drain does with each popped chain: <see cref="Process"/> it.</summary>
    private readonly struct Requests(I2cBackend backend) : IAvailableChainHandler
    {
        public DescriptorChain NextChain => backend._chain;
        public bool StopBeforeWaiting => false;
        public bool Serve(IDeviceQueue queue, DescriptorChain chain) => backend.Process(queue);
    }

    /// <summary>Serves one request; false when the chain was refused or malformed (the drain stops).</summary>
    private bool Process(IDeviceQueue queue)
    {
        long token = Platform.BeginRequest();
        Spend(_costs.PopChain);
        var outcome = _adapter.Serve(_chain, Platform.Memory);
        if (outcome.Shape != I2cRequestShape.Valid)
        {
            Spend(Platform.TakeAccrued() + Platform.EndRequest(token));
            if (outcome.Shape == I2cRequestShape.Refused) queue.ReportRefusedBuffer(_chain);
            else DeviceRuleBroken(("i2c-malformed-request", "virtio 1.2, 5.16.6.3"), outcome.Problem);
            return false;
        }
        Spend(_i2cCosts.BackendRequest);
        Spend(_costs.Copy(outcome.Copied));
        if (outcome.BusTime > SimTime.Zero) Spend(new CostCharge(BusKey, 1, outcome.BusTime));
        switch (outcome.Result)
        {
            case I2cResult.Nack: _nacks.Increment(); break;
            case I2cResult.FailedInGroup: _failedInGroup.Increment(); break;
            case I2cResult.Rejected: _errors.Increment(); break;
        }
        if (outcome.Result == I2cResult.Ok && outcome.UsedLength > I2cLayout.InHdr.Size) _bytesRead.Add(outcome.Copied);
        else if (outcome.Result == I2cResult.Ok) _bytesWritten.Add(outcome.Copied);
        Spend(Platform.TakeAccrued() + Platform.EndRequest(token));
        // The used element is published once the bus is done with the message: a message to itself leaves when the
        // work spent so far (the bus time included) is done.
        var done = _spareDone.TryPop(out var spare) ? spare : new MessageDone();
        done.Key = ++_nextKey;
        _pending.Enqueue((done.Key, _chain.Id, _chain.DescriptorCount, outcome.UsedLength));
        Send(Self, done);
        return true;
    }

    /// <summary>Publishes the oldest pending request's used element (unless a reset dropped it) and interrupts when the ring asks.</summary>
    private void Publish(long key)
    {
        if (_pending.Count == 0 || _pending.Peek().Key != key || Queue is not { IsBroken: false } queue) return;
        var (_, id, descriptors, used) = _pending.Dequeue();
        Spend(_costs.PushUsed);
        queue.PushUsed(id, descriptors, used);
        _requests.Increment();
        if (queue.InterruptNeeded()) Interrupt(queue);
        Spend(Platform.TakeAccrued());
    }
}
