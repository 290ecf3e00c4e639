using Sim.Core.Actors;
using Sim.Core.Statistics;
using Sim.Core.Time;
using Sim.Devices.Common;
using Sim.Devices.Virtio.Queues;
using Sim.Hypervisors.Platform;

namespace Sim.Devices.Rpmb;

/// <summary>
/// The virtio-rpmb device (virtio 1.2, 5.12) on its backend thread, in front of a simulated eMMC RPMB partition
/// (<see cref="RpmbPartition"/>). A kick drains the requestq: each chain's device-readable frames are one request and
/// its device-writable part the room for the response frames (5.12.6). The device authenticates and carries out the
/// request at once (<c>rpmb.mac</c> per frame), then waits for the medium (<c>rpmb.storage.write</c> or
/// <c>.read</c> per block) before it uses the chain and interrupts; requests are served one after another, as the
/// medium is one. A malformed request (not whole frames, an unknown request type, a frame count that does not match,
/// too little room for the response) is refused: a finding <c>rpmb-malformed-request</c> with its section, the chain
/// used with nothing written, the partition unchanged. Metrics: <c>kicks</c>, <c>requests</c>, <c>malformed</c> (refused requests), and
/// those of <see cref="VirtioBackend"/>.
/// </summary>
public sealed class RpmbBackend : VirtioBackend
{
    /// <summary>The most frames a request may carry: a 256-block write and a RESULT_READ (larger requests are refused unread).</summary>
    public const int MaxFrames = 257;

    private sealed record MediumDone(long Generation, ushort Id, int Descriptors, uint Written);

    private readonly RpmbPartition _partition;
    private readonly RingCosts _costs;
    private readonly RpmbCosts _rpmbCosts;
    private readonly DescriptorChain _chain = new();
    private readonly byte[] _request = new byte[MaxFrames * RpmbLayout.FrameSize];
    private readonly byte[] _response = new byte[MaxFrames * RpmbLayout.FrameSize];
    private readonly Counter _kicks, _requests, _refused;
    private SimTime _mediumFreeAt;
    private long _generation;

    /// <summary>An RPMB device with <paramref name="config"/> on <paramref name="platform"/>, tied by <paramref name="wiring"/>.</summary>
    public RpmbBackend(IBackendPlatform platform, RpmbConfig config, RingCosts costs, RpmbCosts rpmbCosts, BackendWiring wiring)
        : base(platform, wiring)
    {
        _partition = new RpmbPartition(config);
        _costs = costs ?? throw new ArgumentNullException(nameof(costs));
        _rpmbCosts = rpmbCosts ?? throw new ArgumentNullException(nameof(rpmbCosts));
        _kicks = NewCounter("kicks");
        _requests = NewCounter("requests");
        _refused = NewCounter("malformed");
    }

    /// <inheritdoc />
    protected override void ServeDevice(object message, ActorRef sender)
    {
        switch (message)
        {
            case QueueKick:
                _kicks.Increment();
                Spend(Platform.WakeUp(FoundIdle));
                Drain();
                break;
            case MediumDone done:
                if (done.Generation == _generation && QueueFor(RpmbLayout.RequestQueue) is { IsBroken: false } queue)
                {
                    Spend(_costs.PushUsed);
                    queue.PushUsed(done.Id, done.Descriptors, done.Written);
                    if (queue.InterruptNeeded()) Interrupt(queue);
                }
                break;
            default: Unhandled(message); return;
        }
        Spend(Platform.TakeAccrued());
    }

    /// <inheritdoc />
    protected override void OnDeviceReset() => _generation++;

    /// <inheritdoc />
    protected override void OnQueueStopped(int queue) => _generation++;

    /// <summary>Serves every available chain with kicks suppressed, then re-enables them and looks again (2.7.10, as every backend here).</summary>
    private void Drain()
    {
        var queue = QueueFor(RpmbLayout.RequestQueue);
        if (queue is null || queue.IsBroken) return;
        var requests = new Requests(this);
        queue.DrainAvailable(ref requests);
    }

    /// <summary>What a drain does with each popped chain: <see cref="Serve"/> it, in the one reused chain object.</summary>
    private readonly struct Requests(RpmbBackend backend) : IAvailableChainHandler
    {
        public DescriptorChain NextChain => backend._chain;
        public bool StopBeforeWaiting => false;
        public bool Serve(IDeviceQueue queue, DescriptorChain chain)
        {
            backend.Spend(backend._costs.PopChain);
            return backend.Serve(queue);
        }
    }

    /// <summary>Serves the popped chain; false when its buffers were refused (the queue is abandoned).</summary>
    private bool Serve(IDeviceQueue queue)
    {
        long token = Platform.BeginRequest();
        int readable = (int)Math.Min(_chain.ReadableLength, _request.Length);
        int room = (int)Math.Min(_chain.WritableLength, _response.Length);
        long read = _chain.ReadableLength > _request.Length ? 0 : _chain.Read(Platform.Memory, 0, _request.AsSpan(0, readable));
        if (read < 0) return Refused(queue, token);
        Spend(_costs.Copy(read));
        var outcome = _partition.Process(_request.AsSpan(0, (int)read), _response.AsSpan(0, room));
        _requests.Increment();
        int frames = (int)read / RpmbLayout.FrameSize;
        uint written = 0;
        if (outcome.IsRefused)
        {
            _refused.Increment();
            ReportFinding("rpmb-malformed-request", $"chain {_chain.Id}: {read} readable bytes, {room} writable: {outcome.Refusal}", "virtio 1.2, " + outcome.SpecSection);
        }
        else
        {
            Spend(_rpmbCosts.Mac.Times(frames + outcome.ResponseFrames));
            if (outcome.ResponseBytes > 0)
            {
                if (_chain.Write(Platform.Memory, 0, _response.AsSpan(0, outcome.ResponseBytes)) < 0) return Refused(queue, token);
                Spend(_costs.Copy(outcome.ResponseBytes));
                written = (uint)outcome.ResponseBytes;
            }
        }
        Spend(Platform.TakeAccrued() + Platform.EndRequest(token));
        var medium = outcome.IsRefused ? default : Medium(_request.AsSpan(0, (int)read), outcome);
        _mediumFreeAt = SimTime.Max(Now + Spent, _mediumFreeAt) + medium.Time;
        if (medium.Count > 0) Delay(medium);
        Send(Self, new MediumDone(_generation, _chain.Id, _chain.DescriptorCount, written), _mediumFreeAt - Now);
        return true;
    }

    /// <summary>The medium's work for a request that was carried out: its blocks written or read (a program-key writes one).</summary>
    private Core.Costs.CostCharge Medium(ReadOnlySpan<byte> request, RpmbOutcome outcome)
    {
        if ((outcome.Result & ~RpmbResult.WriteCounterExpired) != RpmbResult.Ok) return default;
        ushort blocks = RpmbFrameFields.BlockCount(request);
        return (RpmbRequestType)RpmbFrameFields.ReqResp(request) switch
        {
            RpmbRequestType.ProgramKey => _rpmbCosts.StorageWrite.Once,
            RpmbRequestType.DataWrite => _rpmbCosts.StorageWrite.Times(blocks),
            RpmbRequestType.DataRead => _rpmbCosts.StorageRead.Times(blocks),
            _ => default,
        };
    }

    private bool Refused(IDeviceQueue queue, long token)
    {
        Spend(Platform.TakeAccrued() + Platform.EndRequest(token));
        queue.ReportRefusedBuffer(_chain);
        return false;
    }
}
