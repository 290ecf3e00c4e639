using Sim.Core.Actors;
using Sim.Core.Costs;
using Sim.Core.Randomness;
using Sim.Core.Statistics;
using Sim.Devices.Common;
using Sim.Devices.Virtio.Queues;
using Sim.Hypervisors.Platform;

namespace Sim.Devices.Echo;

/// <summary>
/// The echo device's backend, a <see cref="VirtioBackend"/> on its backend thread, reaching guest memory only through
/// the platform by the DMA addresses in the descriptors. Woken by a kick, it suppresses further kicks, pops and
/// validates chains, reads each request, works for the service time, writes the response (its first 8 bytes echo the
/// request's), publishes the used buffer and interrupts the guest through the platform when the ring says so, then
/// re-enables kicks (re-checking for chains that arrived meanwhile). Broken queue rules, transport misuse and refused
/// buffers become findings and put the device in DEVICE_NEEDS_RESET.
/// Metrics: <c>kicks</c>, <c>requests</c>, <c>interrupts</c> (injected), <c>interruptsCoalesced</c> (raised while one was
/// still pending), <c>bytesRead</c>, <c>bytesWritten</c>.
/// </summary>
public sealed class EchoBackend : VirtioBackend
{
    private static readonly CostKey ServiceKey = CostKey.Of("echo.service");

    private readonly DelayDistribution _service;
    private readonly RingCosts _costs;
    private readonly DescriptorChain _chain = new();
    private readonly byte[] _request, _response;
    private readonly Counter _kicks, _requests, _bytesRead, _bytesWritten;

    /// <summary>
    /// An echo device on <paramref name="platform"/> taking requests of <paramref name="requestBytes"/>, answering with
    /// <paramref name="responseBytes"/> after a <paramref name="service"/> time, at <paramref name="costs"/>, tied by
    /// <paramref name="wiring"/>. It knows only what the device is, not the guest's workload.
    /// </summary>
    public EchoBackend(IBackendPlatform platform, int requestBytes, int responseBytes, DelayDistribution service, RingCosts costs, BackendWiring wiring)
        : base(platform, wiring)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(requestBytes);
        ArgumentOutOfRangeException.ThrowIfNegative(responseBytes);
        _service = service ?? throw new ArgumentNullException(nameof(service));
        _costs = costs ?? throw new ArgumentNullException(nameof(costs));
        _request = new byte[requestBytes];
        _response = new byte[responseBytes];
        _kicks = NewCounter("kicks");
        _requests = NewCounter("requests");
        _bytesRead = NewCounter("bytesRead", "B");
        _bytesWritten = NewCounter("bytesWritten", "B");
    }

    /// <inheritdoc />
    protected override void ServeDevice(object message, ActorRef sender)
    {
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
        if (queue.DrainAvailable(ref requests) == DrainOutcome.Stopped) return;   // a refused buffer: the queue is abandoned
        Spend(Platform.TakeAccrued());
    }

    /// <summary>What a drain does with each popped chain: <see cref="Process"/> it, in the one reused chain object.</summary>
    private readonly struct Requests(EchoBackend backend) : IAvailableChainHandler
    {
        public DescriptorChain NextChain => backend._chain;
        public bool StopBeforeWaiting => false;
        public bool Serve(IDeviceQueue queue, DescriptorChain chain) => backend.Process(queue);
    }

    /// <summary>Serves one popped chain; false if the chain's buffers were refused (the queue is then abandoned).</summary>
    private bool Process(IDeviceQueue queue)
    {
        long token = Platform.BeginRequest();
        Spend(_costs.PopChain);
        int toRead = (int)Math.Min(_chain.ReadableLength, _request.Length);
        long read = _chain.Read(Platform.Memory, 0, _request.AsSpan(0, toRead));
        if (read < 0) return Refused(queue, token);
        _bytesRead.Add(read);
        Spend(_costs.Copy(read));
        Spend(new CostCharge(ServiceKey, 1, _service.Sample(Random)));
        _response.AsSpan().Clear();
        if (read >= EchoWorkload.TagBytes) _request.AsSpan(0, EchoWorkload.TagBytes).CopyTo(_response);
        int toWrite = (int)Math.Min(_chain.WritableLength, _response.Length);
        long written = _chain.Write(Platform.Memory, 0, _response.AsSpan(0, toWrite));
        if (written < 0) return Refused(queue, token);
        _bytesWritten.Add(written);
        Spend(_costs.Copy(written));
        Spend(Platform.TakeAccrued() + Platform.EndRequest(token));
        Spend(_costs.PushUsed);
        queue.PushUsed(_chain.Id, _chain.DescriptorCount, (uint)written);
        _requests.Increment();
        if (queue.InterruptNeeded()) Interrupt(queue);
        return true;
    }

    private bool Refused(IDeviceQueue queue, long token)
    {
        Spend(Platform.TakeAccrued() + Platform.EndRequest(token));
        queue.ReportRefusedBuffer(_chain);
        return false;
    }
}
