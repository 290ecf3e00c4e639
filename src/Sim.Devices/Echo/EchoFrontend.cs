using System.Buffers.Binary;
using Sim.Core.Actors;
using Sim.Core.Statistics;
using Sim.Core.Time;
using Sim.Devices.Transport;
using Sim.Devices.Virtio.Mmio;
using Sim.Devices.Virtio.Queues;
using Sim.Hypervisors.Memory;

namespace Sim.Devices.Echo;

/// <summary>
/// The echo device's guest driver, running on its vCPU (a <see cref="BusyResource"/>: driver work, trapped register
/// accesses and interrupt entry take vCPU time). At time zero it initialises the device through the virtio-mmio
/// registers (each access a trapped exit), then issues requests (a readable request buffer and a writable response
/// buffer per chain), kicks when the ring says so, and on each used-buffer interrupt acknowledges it and reclaims.
/// Metrics: <c>requests</c>, <c>latency</c> (issue to reclaim), <c>kicks</c>, <c>interrupts</c>,
/// <c>kicksPerRequest</c>, <c>interruptsPerRequest</c>, <c>rejected</c> (open loop, no free slot).
/// </summary>
public sealed class EchoFrontend(
    GuestMemory memory,
    IMmioBus registers,
    ulong wantedFeatures,
    ushort queueSize,
    EchoGuestLayout layout,
    EchoWorkload workload,
    TransportCosts costs) : BusyResource
{
    private sealed class Initialise
    {
        public static readonly Initialise Instance = new();
    }

    private sealed class NextArrival
    {
        public static readonly NextArrival Instance = new();
    }

    private readonly MmioDriver _driver = new(registers);
    private readonly Stack<int> _freeSlots = new(Enumerable.Range(0, workload.Outstanding).Reverse());
    private readonly SimTime[] _issuedAt = new SimTime[workload.Outstanding];
    private readonly long[] _tags = new long[workload.Outstanding];
    private readonly byte[] _scratch = new byte[Math.Max(workload.RequestBytes, workload.ResponseBytes)];
    private IDriverQueue? _queue;
    private long _nextTag;
    private Counter? _requests, _kicks, _interrupts, _rejected;
    private LatencyHistogram? _latency;

    /// <summary>The backend to kick; set by the world builder.</summary>
    public ActorRef Backend { get; set; }

    /// <summary>The features the device and driver agreed on (after initialisation).</summary>
    public ulong NegotiatedFeatures { get; private set; }

    /// <inheritdoc />
    protected override void OnStart()
    {
        base.OnStart();
        _requests = NewCounter("requests");
        _kicks = NewCounter("kicks");
        _interrupts = NewCounter("interrupts");
        _rejected = NewCounter("rejected");
        _latency = NewLatencyHistogram("latency");
        NewRatio("kicksPerRequest", _kicks, _requests);
        NewRatio("interruptsPerRequest", _interrupts, _requests);
        Send(Self, Initialise.Instance);
    }

    /// <inheritdoc />
    protected override void Serve(object message, ActorRef sender)
    {
        switch (message)
        {
            case Initialise: InitialiseDevice(); break;
            case NextArrival: OnArrival(); break;
            case UsedBufferInterrupt: OnInterrupt(); break;
        }
    }

    private void InitialiseDevice()
    {
        var setup = new MmioQueueSetup(0, queueSize, layout.DescriptorArea, layout.DriverArea, layout.DeviceArea);
        var result = _driver.Initialize(new MmioInitRequest(wantedFeatures, [setup], RequiredFeatures: wantedFeatures & VirtioFeaturesRequired));
        Spend(costs.MmioExit * result.RegisterAccesses);
        if (!result.Success)
        {
            ReportFinding("device-initialisation-failed", result.Reason ?? result.Failure.ToString(), "virtio 1.2, 3.1.1");
            return;
        }
        NegotiatedFeatures = result.NegotiatedFeatures;
        _queue = Virtqueues.CreateDriver(memory, result.Queues[0], layout.IndirectArea, layout.MaxIndirectEntries);
        if (workload.Interarrival is { } gaps) SetTimer(NextArrival.Instance, NextArrival.Instance, gaps.Sample(Random));
        else IssueWhileSlotsFree();
    }

    /// <summary>Features the driver will not run without: the ring format it asked for (packed or split) must be agreed.</summary>
    private const ulong VirtioFeaturesRequired = Virtio.VirtioFeatures.RingPacked | Virtio.VirtioFeatures.Version1;

    private void OnArrival()
    {
        if (_freeSlots.Count == 0) _rejected!.Increment();
        else if (Issue()) KickIfNeeded();
        SetTimer(NextArrival.Instance, NextArrival.Instance, workload.Interarrival!.Sample(Random));
    }

    private void IssueWhileSlotsFree()
    {
        bool added = false;
        while (_freeSlots.Count > 0 && Issue()) added = true;
        if (added) KickIfNeeded();
    }

    /// <summary>Writes one request into its buffer and adds its chain; false if the ring had no room.</summary>
    private bool Issue()
    {
        int slot = _freeSlots.Peek();
        long tag = ++_nextTag;
        Span<byte> request = _scratch.AsSpan(0, workload.RequestBytes);
        request.Clear();
        BinaryPrimitives.WriteInt64LittleEndian(request, tag);
        memory.Write(layout.RequestBuffer(slot), request);
        Spend(costs.Copy(workload.RequestBytes) + costs.AddChain);
        ReadOnlySpan<BufferSpec> readable = [new BufferSpec(layout.RequestBuffer(slot), (uint)workload.RequestBytes)];
        ReadOnlySpan<BufferSpec> writable = [new BufferSpec(layout.ResponseBuffer(slot), (uint)workload.ResponseBytes)];
        if (!_queue!.TryAdd(readable, writable, slot)) return false;
        _freeSlots.Pop();
        _issuedAt[slot] = Now;
        _tags[slot] = tag;
        return true;
    }

    private void KickIfNeeded()
    {
        if (!_queue!.KickNeeded()) return;
        _kicks!.Increment();
        _driver.Notify(0);
        Send(Backend, QueueKick.For(0), costs.Kick);
        Spend(costs.KickExit);
    }

    private void OnInterrupt()
    {
        _interrupts!.Increment();
        Spend(costs.InterruptEntry);
        uint status = registers.Read(MmioRegister.InterruptStatus, 4);
        registers.Write(MmioRegister.InterruptAck, 4, status);
        Spend(costs.MmioExit * 2);
        if (_queue is null) return;
        _queue.DisableInterrupts();
        do
        {
            while (_queue.TryReclaim(out long token, out uint written)) Complete((int)token, written);
        }
        while (!_queue.EnableInterrupts());
        if (workload.Interarrival is null) IssueWhileSlotsFree();
    }

    private void Complete(int slot, uint written)
    {
        Spend(costs.ReclaimChain + costs.Copy(written));
        Span<byte> tag = stackalloc byte[EchoWorkload.TagBytes];
        memory.Read(layout.ResponseBuffer(slot), tag);
        if (written != workload.ResponseBytes || BinaryPrimitives.ReadInt64LittleEndian(tag) != _tags[slot])
            ReportFinding("echo-response-mismatch", $"slot {slot}: {written} bytes written, tag {BinaryPrimitives.ReadInt64LittleEndian(tag)}; expected {workload.ResponseBytes} bytes and tag {_tags[slot]}", null);
        _latency!.Record(Now + Spent - _issuedAt[slot]);
        _requests!.Increment();
        _freeSlots.Push(slot);
    }
}
