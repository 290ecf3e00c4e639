using Sim.Devices.Virtio;
using Sim.Devices.Virtio.Packed;
using Sim.Devices.Virtio.Queues;

namespace Sim.Devices.Tests.Packed.Support;

/// <summary>One random run: queue size, negotiated features, whether in-order completions come in batches, seed, steps.</summary>
internal sealed record PackedScenario(ushort Size, bool EventIdx, bool Indirect, bool InOrder, bool Batches, int Seed, int Steps)
{
    public ulong Features =>
        (EventIdx ? VirtioFeatures.EventIdx : 0) | (Indirect ? VirtioFeatures.IndirectDesc : 0) | (InOrder ? VirtioFeatures.InOrder : 0);
}

/// <summary>
/// A packed driver and a packed device on one queue, each a tiny process that acts only when woken, the way Linux
/// virtio drivers and vhost/QEMU devices do: the device pops only after a kick, or while
/// <see cref="PackedDeviceQueue.EnableNotifications"/> keeps returning false; the driver reclaims only after an
/// interrupt, or while <see cref="PackedDriverQueue.EnableInterrupts"/> keeps returning false. The driver fills its
/// readable buffers with a per-token pattern, the device checks it and writes a random number of bytes back, and the
/// driver checks token, length and bytes when it reclaims. Steps come from a seeded random stream; any broken
/// expectation throws with the step and the scenario.
/// </summary>
internal sealed class PackedLoopback
{
    private const ulong RegionSize = 512;
    private const int MaxIndirect = 4;

    private sealed class Request(long token, int region, BufferSpec[] readable, BufferSpec[] writable)
    {
        public long Token { get; } = token;
        public int Region { get; } = region;
        public BufferSpec[] Readable { get; } = readable;
        public BufferSpec[] Writable { get; } = writable;
        public uint WritableLength => (uint)Writable.Sum(b => b.Length);
        public uint? Written { get; set; }
    }

    private sealed record Popped(Request Request, ushort Id, int Descriptors, DescriptorChain Chain);

    private readonly PackedScenario _scenario;
    private readonly PackedWorld _world;
    private readonly PackedDriverQueue _driver;
    private readonly PackedDeviceQueue _device;
    private readonly Random _random;
    private readonly Dictionary<long, Request> _inFlight = new();
    private readonly Request?[] _regions;
    private readonly List<Popped> _popped = new();
    private long _nextToken;
    private int _step;
    private bool _kickDecisionPending, _kickPending, _deviceAwake, _signalPending, _interruptPending, _driverAwake;
    private bool _deviceRearming, _driverRearming; // found nothing; the other side may act before re-enabling

    public PackedLoopback(PackedScenario scenario)
    {
        _scenario = scenario;
        _world = PackedWorld.Create(scenario.Size, scenario.Features, keepEveryAccess: false);
        _driver = _world.Driver(scenario.Indirect ? MaxIndirect : 0);
        _device = _world.Device;
        _random = new Random(scenario.Seed);
        _regions = new Request?[scenario.Size];
    }

    public int AddedCount { get; private set; }
    public int ReclaimedCount { get; private set; }

    /// <summary>Runs the random steps, then lets both sides drain: every added chain must come back exactly once.</summary>
    public void Run()
    {
        for (_step = 0; _step < _scenario.Steps; _step++)
        {
            int dice = _random.Next(100);
            if (dice < 25) Add();
            else if (dice < 35) { if (_kickDecisionPending) KickDecision(); }
            else if (dice < 45) { if (_kickPending) DeliverKick(); }
            else if (dice < 60) { if (_deviceAwake) DeviceStep(); }
            else if (dice < 72) { if (_popped.Count > 0) Complete(); }
            else if (dice < 80) { if (_signalPending) Signal(); }
            else if (dice < 87) { if (_interruptPending) DeliverInterrupt(); }
            else { if (_driverAwake) DriverStep(); }
            Check(!_device.IsBroken && _world.Sink.Violations.Count == 0 && !_driver.IsBroken, $"queue broken: {_world.Sink}");
        }
        Drain();
        Check(_inFlight.Count == 0, $"lost wake-up: {_inFlight.Count} chains never came back (tokens {string.Join(",", _inFlight.Keys)})");
        Check(_driver.InFlight == 0 && _driver.FreeDescriptors == _scenario.Size, $"driver still holds {_driver.InFlight} chains, {_driver.FreeDescriptors} free");
        Check(AddedCount == ReclaimedCount, $"{AddedCount} added, {ReclaimedCount} reclaimed");
    }

    private void Drain()
    {
        for (int round = 0; _kickDecisionPending || _kickPending || _deviceAwake || _popped.Count > 0 || _signalPending || _interruptPending || _driverAwake; round++)
        {
            Check(round < 100_000, "drain does not end");
            if (_kickDecisionPending) KickDecision();
            if (_kickPending) DeliverKick();
            while (_deviceAwake) DeviceStep();
            while (_popped.Count > 0) Complete();
            if (_signalPending) Signal();
            if (_interruptPending) DeliverInterrupt();
            while (_driverAwake) DriverStep();
        }
    }

    private void Add()
    {
        int region = Array.IndexOf(_regions, null);
        if (region < 0) return;
        int readable = _random.Next(0, 4), writable = _random.Next(0, 4);
        if (_random.Next(8) == 0) writable += 2;
        if (readable + writable == 0) readable = 1;
        ulong at = PackedWorld.Data + (ulong)region * RegionSize;
        var buffers = new BufferSpec[readable + writable];
        for (int i = 0; i < buffers.Length; i++)
        {
            uint length = (uint)_random.Next(1, 48);
            buffers[i] = new BufferSpec(at, length);
            at += length;
        }
        var request = new Request(_nextToken, region, buffers[..readable], buffers[readable..]);
        foreach (var buffer in request.Readable)
            for (uint i = 0; i < buffer.Length; i++) _world.Memory.Write(buffer.Address + i, [Pattern(request.Token, buffer.Address + i, written: false)]);
        foreach (var buffer in request.Writable) _world.Memory.Fill(buffer.Address, buffer.Length, 0);
        if (!_driver.TryAdd(request.Readable, request.Writable, request.Token)) return;
        _nextToken++;
        _regions[region] = request;
        _inFlight.Add(request.Token, request);
        _kickDecisionPending = true;
        AddedCount++;
    }

    private void KickDecision()
    {
        _kickDecisionPending = false;
        if (_driver.KickNeeded()) _kickPending = true;
    }

    private void DeliverKick()
    {
        _kickPending = false;
        if (_deviceAwake) return;
        _deviceAwake = true;
        if (_random.Next(2) == 0) _device.DisableNotifications();
    }

    /// <summary>
    /// An awake device pops one chain; when it finds none, a later step re-enables kicks and sleeps, unless a chain
    /// slipped in meanwhile (the driver may add, and decide not to kick, between the two steps).
    /// </summary>
    private void DeviceStep()
    {
        if (_deviceRearming)
        {
            _deviceRearming = false;
            if (_device.EnableNotifications()) _deviceAwake = false;
            return;
        }
        var chain = new DescriptorChain();
        if (!_device.TryPop(chain))
        {
            _deviceRearming = true;
            return;
        }
        Check(chain.Segments.Count > 0, "empty chain popped");
        var request = _regions[(int)((chain.Segments[0].Address - PackedWorld.Data) / RegionSize)];
        Check(request is not null && _inFlight.ContainsKey(request.Token), "popped a chain nobody added");
        var expected = request!.Readable.Select(b => new ChainSegment(b.Address, b.Length, false))
            .Concat(request.Writable.Select(b => new ChainSegment(b.Address, b.Length, true)));
        Check(chain.Segments.SequenceEqual(expected), $"token {request.Token}: the device sees other buffers than the driver added");
        var data = new byte[chain.ReadableLength];
        Check(chain.Read(_world.DeviceMemory, 0, data) == data.Length, "short read");
        ulong offset = 0;
        foreach (var buffer in request.Readable)
            for (uint i = 0; i < buffer.Length; i++, offset++)
                Check(data[offset] == Pattern(request.Token, buffer.Address + i, written: false), $"token {request.Token}: readable byte {offset} differs");
        _popped.Add(new Popped(request, chain.Id, chain.DescriptorCount, chain));
    }

    /// <summary>Completes one popped chain (any of them without IN_ORDER), or the oldest few as one in-order batch.</summary>
    private void Complete()
    {
        if (!_scenario.InOrder)
        {
            var popped = _popped[_random.Next(_popped.Count)];
            _popped.Remove(popped);
            uint written = WriteBack(popped, full: false);
            _device.PushUsed(popped.Id, popped.Descriptors, written);
        }
        else
        {
            int batch = _scenario.Batches ? _random.Next(1, _popped.Count + 1) : 1;
            int descriptors = 0;
            uint written = 0;
            for (int i = 0; i < batch; i++)
            {
                descriptors += _popped[i].Descriptors;
                written = WriteBack(_popped[i], full: i + 1 < batch); // all but the last count as fully written
            }
            ushort lastId = _popped[batch - 1].Id;
            _popped.RemoveRange(0, batch);
            if (batch == 1 && _random.Next(2) == 0) _device.PushUsed(lastId, descriptors, written);
            else _device.PushUsedBatch(lastId, descriptors, written);
        }
        _signalPending = true;
    }

    private uint WriteBack(Popped popped, bool full)
    {
        var request = popped.Request;
        uint length = full ? request.WritableLength : (uint)_random.Next(0, (int)request.WritableLength + 1);
        var data = new byte[length];
        ulong offset = 0;
        foreach (var buffer in request.Writable)
            for (uint i = 0; i < buffer.Length && offset < length; i++, offset++) data[offset] = Pattern(request.Token, buffer.Address + i, written: true);
        Check(popped.Chain.Write(_world.DeviceMemory, 0, data) == length, "short write");
        request.Written = length;
        return length;
    }

    private void Signal()
    {
        _signalPending = false;
        if (_device.InterruptNeeded()) _interruptPending = true;
    }

    private void DeliverInterrupt()
    {
        _interruptPending = false;
        if (_driverAwake) return;
        _driverAwake = true;
        if (_random.Next(2) == 0) _driver.DisableInterrupts();
    }

    /// <summary>
    /// An awake driver reclaims one chain; when it finds none, a later step re-enables interrupts and sleeps, unless a
    /// used chain slipped in meanwhile (the device may complete, and decide not to interrupt, between the two steps).
    /// </summary>
    private void DriverStep()
    {
        if (_driverRearming)
        {
            _driverRearming = false;
            if (_driver.EnableInterrupts()) _driverAwake = false;
            return;
        }
        if (!_driver.TryReclaim(out long token, out uint written))
        {
            _driverRearming = true;
            return;
        }
        Check(_inFlight.Remove(token, out var request), $"token {token} reclaimed but not in flight (twice?)");
        Check(request!.Written is not null, $"token {token} reclaimed before the device completed it");
        Check(written == request.Written, $"token {token}: used len {written}, device wrote {request.Written}");
        ulong offset = 0;
        foreach (var buffer in request.Writable)
            for (uint i = 0; i < buffer.Length && offset < written; i++, offset++)
                Check(_world.Memory.ByteAt(buffer.Address + i) == Pattern(token, buffer.Address + i, written: true), $"token {token}: written byte {offset} differs");
        _regions[request.Region] = null;
        ReclaimedCount++;
    }

    private static byte Pattern(long token, ulong address, bool written) => (byte)(token * 31 + (long)address * 7 + (written ? 101 : 0));

    private void Check(bool condition, string what)
    {
        if (!condition) throw new InvalidOperationException($"{_scenario} step {_step}: {what}");
    }
}

/// <summary>Single-byte guest reads for the checks above.</summary>
internal static class GuestMemoryBytes
{
    public static byte ByteAt(this Sim.Hypervisors.Memory.GuestMemory memory, ulong address)
    {
        Span<byte> one = stackalloc byte[1];
        memory.Read(address, one);
        return one[0];
    }
}
