using Sim.Core.Statistics;
using Sim.Devices.Common;
using Sim.Devices.Virtio;
using Sim.Devices.Virtio.Facilities;
using Sim.Devices.Virtio.Queues;
using Sim.Hypervisors.Memory;
using Sim.Hypervisors.Platform;
using Sim.Hypervisors.Window;
using Sim.Layouts;

namespace Sim.Devices.Rpmb;

/// <summary>
/// The virtio-rpmb guest driver (virtio 1.2, 5.12) and the secure-storage client above it, a <see cref="VirtioDriver"/>
/// with one request in flight (RPMB is serial): it reads the configuration (capacity, max_wr_cnt, max_rd_cnt, 5.12.4),
/// programs its key (5.12.6.1.1), reads the write counter with a nonce (5.12.6.1.2), then makes authenticated writes
/// and reads as its <see cref="RpmbWorkload"/> says, each a chain of its device-readable request frames and a
/// device-writable response buffer (<see cref="RpmbClient"/> builds and checks the frames; <c>rpmb.mac</c> per frame).
/// A response that does not authenticate (type, MAC, nonce) is a finding <c>rpmb-response-unauthentic</c>; a read
/// whose data differs from what the driver last wrote there is <c>rpmb-read-mismatch</c>; a write refused for its
/// counter makes the driver read the counter again. Metrics: those of <see cref="VirtioDriver"/>, <c>writes</c>,
/// <c>reads</c>, <c>readsVerified</c>, <c>resultFailures</c> (results other than OK), <c>writeLatency</c>,
/// <c>readLatency</c>, <c>writeCounter</c> (gauge).
/// </summary>
public sealed class RpmbDriver : VirtioDriver
{
    private readonly RpmbGuestLayout _layout;
    private readonly RpmbWorkload _workload;
    private readonly RpmbCosts _rpmbCosts;
    private readonly ulong _ringFeatures;
    private readonly Dictionary<ushort, byte[]> _written = [];
    private readonly List<ushort> _writtenOrder = [];
    private readonly byte[] _nonce = new byte[RpmbLayout.NonceSize];
    private readonly byte[] _data;
    private readonly Counter _writes, _reads, _verified, _failures;
    private readonly LatencyHistogram _writeLatency, _readLatency;
    private readonly TimeWeightedGauge _counterGauge;
    private RpmbClient? _client;
    private RpmbOperation _operation;
    private bool _keyProgrammed, _counterKnown;
    private uint _counter;
    private ushort _address, _blocks;
    private int _requestBytes, _responseBytes;
    private DmaBuffer _request, _response;
    private Core.Time.SimTime _submittedAt;

    /// <summary>An RPMB driver in <paramref name="memory"/> with its rings and buffers at <paramref name="layout"/>, doing <paramref name="workload"/> as <paramref name="arrivals"/> say.</summary>
    public RpmbDriver(GuestMemory memory, DriverWiring wiring, IDriverPlatform platform, ulong ringFeatures, RpmbGuestLayout layout, RpmbWorkload workload,
        RequestArrivals arrivals, RingCosts costs, RpmbCosts rpmbCosts)
        : base(memory, wiring, platform, costs, 1, arrivals)
    {
        _layout = layout ?? throw new ArgumentNullException(nameof(layout));
        _workload = workload ?? throw new ArgumentNullException(nameof(workload));
        _rpmbCosts = rpmbCosts ?? throw new ArgumentNullException(nameof(rpmbCosts));
        _ringFeatures = ringFeatures;
        _data = new byte[workload.Blocks * RpmbLayout.BlockSize];
        _writes = NewCounter("writes");
        _reads = NewCounter("reads");
        _verified = NewCounter("readsVerified");
        _failures = NewCounter("resultFailures");
        _writeLatency = NewLatencyHistogram("writeLatency");
        _readLatency = NewLatencyHistogram("readLatency");
        _counterGauge = NewGauge("writeCounter");
    }

    /// <summary>The device's configuration as read at probe.</summary>
    public RpmbConfig Config { get; private set; }

    /// <inheritdoc />
    protected override bool InitialiseDevice()
    {
        if (!IsDevice(RpmbLayout.DeviceId, "RPMB device")) return false;
        var (d, dr, dv) = _layout.Rings;
        if (!StartRings(_ringFeatures, 0, 0, [new QueueSetup(RpmbLayout.RequestQueue, _layout.QueueSize, d, dr, dv)],
                _layout.IndirectArea, RpmbGuestLayout.EntriesPerChain)) return false;
        DeclareBuffer("request", RegionKind.RpmbFrames, _layout.RequestBuffer, (ulong)_layout.RequestBytes);
        DeclareBuffer("response", RegionKind.RpmbFrames, _layout.ResponseBuffer, (ulong)_layout.ResponseBytes);
        Config = ReadConfig(c => new RpmbConfig(c.ReadU8(RpmbLayout.ConfigCapacityOffset), c.ReadU8(RpmbLayout.ConfigMaxWriteCountOffset), c.ReadU8(RpmbLayout.ConfigMaxReadCountOffset)));
        if (Config.Blocks < _workload.Blocks || !Config.AllowsWriteOf((ushort)_workload.Blocks) || !Config.AllowsReadOf((ushort)_workload.Blocks))
        {
            ReportFinding("rpmb-workload-too-large", $"{_workload.Blocks} blocks per operation; the device has {Config.Blocks} blocks, max_wr_cnt {Config.MaxWriteCount}, max_rd_cnt {Config.MaxReadCount}", "virtio 1.2, 5.12.4");
            return false;
        }
        var key = new byte[RpmbLayout.KeySize];
        Random.NextBytes(key);
        _client = new RpmbClient(key);
        return true;
    }

    /// <inheritdoc />
    protected override void Prepare(int slot)
    {
        var client = _client!;
        _operation = !_keyProgrammed ? RpmbOperation.ProgramKey : !_counterKnown ? RpmbOperation.GetCounter
            : Random.NextDouble() < _workload.WriteFraction ? RpmbOperation.Write : RpmbOperation.Read;
        byte[] request;
        switch (_operation)
        {
            case RpmbOperation.ProgramKey: request = client.ProgramKey(); _responseBytes = RpmbLayout.FrameSize; break;
            case RpmbOperation.GetCounter:
                Random.NextBytes(_nonce);
                request = RpmbClient.GetWriteCounter(_nonce);
                _responseBytes = RpmbLayout.FrameSize;
                break;
            case RpmbOperation.Write:
                NextAddress();
                Random.NextBytes(_data);
                request = client.DataWrite(_counter, _address, _data);
                _responseBytes = RpmbLayout.FrameSize;
                break;
            default:
                NextAddress(reread: true);
                Random.NextBytes(_nonce);
                request = RpmbClient.DataRead(_address, _blocks, _nonce);
                _responseBytes = _blocks * RpmbLayout.FrameSize;
                break;
        }
        _requestBytes = request.Length;
        Memory.Write(_layout.RequestBuffer, request);
        Spend(_rpmbCosts.GuestRequest);
        if (_operation == RpmbOperation.Write) Spend(_rpmbCosts.Mac.Times(_blocks));
    }

    /// <summary>The next operation's first block: any whole slot of the partition, or for a read one the driver wrote (when it has written any), so the read can be verified.</summary>
    private void NextAddress(bool reread = false)
    {
        _blocks = (ushort)_workload.Blocks;
        if (reread && _writtenOrder.Count > 0)
        {
            _address = _writtenOrder[Random.Next(_writtenOrder.Count)];
            return;
        }
        int slots = Config.Blocks / _blocks;
        _address = (ushort)(Random.Next(slots) * _blocks);
    }

    /// <inheritdoc />
    protected override Submit TrySubmit(int slot)
    {
        var request = TryMap(_layout.RequestBuffer, (uint)_requestBytes, DmaDirection.ToDevice, out _request);
        if (request != DmaMapStatus.Mapped) return Failed(request);
        var response = TryMap(_layout.ResponseBuffer, (uint)_responseBytes, DmaDirection.FromDevice, out _response);
        if (response != DmaMapStatus.Mapped) return Failed(response, _request);
        _submittedAt = Now + Spent;
        return AddChain(slot, [new BufferSpec(_request.DmaAddress, (uint)_requestBytes)], [new BufferSpec(_response.DmaAddress, (uint)_responseBytes)], _request, _response);
    }

    /// <inheritdoc />
    protected override void Complete(int slot, uint written)
    {
        Unmap(_request);
        Unmap(_response);
        CountBytes(_requestBytes + written);
        var response = new byte[written];
        Memory.Read(_layout.ResponseBuffer, response);
        Spend(_rpmbCosts.Mac.Times(Math.Max(1, (int)written / RpmbLayout.FrameSize)));
        var expected = _operation switch
        {
            RpmbOperation.ProgramKey => RpmbResponseType.ProgramKey,
            RpmbOperation.GetCounter => RpmbResponseType.GetCounter,
            RpmbOperation.Write => RpmbResponseType.DataWrite,
            _ => RpmbResponseType.DataRead,
        };
        bool nonced = _operation is RpmbOperation.GetCounter or RpmbOperation.Read;
        var check = _client!.Check(response, expected, nonced ? _nonce : default);
        if (check != RpmbResponseCheck.Valid)
        {
            ReportFinding("rpmb-response-unauthentic", $"{_operation} response of {written} bytes: {check}", "virtio 1.2, 5.12.6.1");
            return;
        }
        var result = RpmbFrameFields.Result(response);
        if ((result & ~RpmbResult.WriteCounterExpired) != RpmbResult.Ok)
        {
            _failures.Increment();
            if (_operation == RpmbOperation.Write && (result & ~RpmbResult.WriteCounterExpired) == RpmbResult.CountFailure) _counterKnown = false;
            return;
        }
        Finish(response);
    }

    private void Finish(ReadOnlySpan<byte> response)
    {
        var latency = Now + Spent - _submittedAt;
        switch (_operation)
        {
            case RpmbOperation.ProgramKey: _keyProgrammed = true; break;
            case RpmbOperation.GetCounter:
                _counter = RpmbFrameFields.WriteCounter(response);
                _counterKnown = true;
                _counterGauge.Set(Now, _counter);
                break;
            case RpmbOperation.Write:
                _counter++;
                _counterGauge.Set(Now, _counter);
                if (_written.TryAdd(_address, _data.ToArray())) _writtenOrder.Add(_address);
                else _written[_address] = _data.ToArray();
                _writes.Increment();
                _writeLatency.Record(latency);
                break;
            default:
                _reads.Increment();
                _readLatency.Record(latency);
                if (!_written.TryGetValue(_address, out var expected)) break;
                for (int i = 0; i < _blocks; i++)
                    if (!RpmbFrameFields.Data(response[(i * RpmbLayout.FrameSize)..]).SequenceEqual(expected.AsSpan(i * RpmbLayout.BlockSize, RpmbLayout.BlockSize)))
                    {
                        ReportFinding("rpmb-read-mismatch", $"block {_address + i}: the authenticated read differs from what was written there", "virtio 1.2, 5.12.6.1.4");
                        return;
                    }
                _verified.Increment();
                break;
        }
    }
}
