using Sim.Devices.Virtio;
using Sim.Devices.Virtio.Queues;
using Sim.Devices.Virtio.Split;
using Sim.Hypervisors.Memory;

namespace Sim.Devices.Tests.Split.Support;

/// <summary>
/// Runs a <see cref="SplitProtocolScenario"/> against real driver and device queues in one guest, then drains. The
/// device pops only after a kick or while EnableNotifications says chains are waiting; the driver reclaims only after
/// an interrupt or while EnableInterrupts says buffers are pending. Finding nothing and re-enabling are separate steps,
/// so the other side can act in between (the race the re-check closes). A lost wake-up strands buffers and fails the run. Checked on the way: every popped chain is exactly the one added (addresses, lengths, directions, bytes),
/// nothing is popped or reclaimed twice, used len = bytes written, no violation, no kick or interrupt withheld from a
/// sleeping side; at the end, every token came back and the device wrote only the used ring and writable buffers.
/// </summary>
internal sealed class SplitProtocolSimulation
{
    private const ulong ReadRegion = SplitWorld.Data, WriteRegion = SplitWorld.Data + 0x80000, RegionSize = 0x80000;
    private const int MaxIndirect = 4, Slot = 64;

    private sealed record Request(BufferSpec[] Readable, BufferSpec[] Writable)
    {
        public bool Popped { get; set; }
        public int? Written { get; set; }
    }

    private readonly SplitProtocolScenario _scenario;
    private readonly SplitWorld _world;
    private readonly SplitDriverQueue _driver;
    private readonly SplitDeviceQueue _device;
    private readonly Dictionary<long, Request> _requests = new();
    private readonly Dictionary<ulong, long> _tokenByFirstBuffer = new();
    private readonly List<(long Token, DescriptorChain Chain)> _popped = new();
    private ulong _nextRead = ReadRegion, _nextWrite = WriteRegion;
    private long _nextToken = 1;
    private bool _kickPending, _deviceAwake, _interruptPending, _driverAwake;
    private bool _deviceFoundNothing, _driverFoundNothing; // the window between "nothing left" and re-enabling
    private long _progress;

    public SplitProtocolSimulation(SplitProtocolScenario scenario)
    {
        _scenario = scenario;
        ulong features = (scenario.EventIdx ? VirtioFeatures.EventIdx : 0) | (scenario.Indirect ? VirtioFeatures.IndirectDesc : 0);
        _world = SplitWorld.Create(scenario.Size, features);
        _driver = _world.Driver(scenario.Indirect ? MaxIndirect : 0, scenario.Start);
        _device = _world.TryCreateDevice(scenario.Start) ?? throw new InvalidOperationException(_world.Sink.ToString());
    }

    /// <summary>Whether the avail idx crossed 65535 → 0 during the run.</summary>
    public bool Wrapped => _driver.AvailIndex < _scenario.Start;

    /// <summary>Runs every step, drains, and returns the first broken expectation, or null.</summary>
    public string? Run()
    {
        for (int i = 0; i < _scenario.Steps.Length; i++)
        {
            string? failure = Checked(Apply(_scenario.Steps[i]));
            if (failure is not null) return $"step {i} ({_scenario.Steps[i]}): {failure}";
        }
        return Drain() ?? CheckEnd();
    }

    private string? Checked(string? failure) =>
        failure ?? (_world.Sink.Violations.Count > 0 ? $"violation: {_world.Sink}" : null);

    private string? Apply(Step step) => step.Kind switch
    {
        StepKind.Add => Add(step.A, step.B),
        StepKind.Kick => Kick(),
        StepKind.DeviceStep => DeviceStep(),
        StepKind.Complete => _popped.Count == 0 ? null : Complete(step.B % _popped.Count, step.A),
        StepKind.Signal => Signal(),
        StepKind.DriverStep => DriverStep(),
        _ => throw new ArgumentOutOfRangeException(nameof(step)),
    };

    /// <summary>Both sides run their obligations until everything added came back, or nothing moves any more.</summary>
    private string? Drain()
    {
        for (int round = 0; _requests.Count > 0; round++)
        {
            long before = _progress;
            string? failure = Checked(Kick());
            for (int i = 0; failure is null && (_deviceAwake || _kickPending) && i < 4 * _scenario.Size + 4; i++) failure = Checked(DeviceStep());
            while (failure is null && _popped.Count > 0) failure = Checked(Complete(0, (int)_popped[0].Token * 37));
            failure ??= Checked(Signal());
            for (int i = 0; failure is null && (_driverAwake || _interruptPending) && i < 4 * _scenario.Size + 4; i++) failure = Checked(DriverStep());
            if (failure is not null) return $"drain round {round}: {failure}";
            if (_progress == before || round > 10_000)
                return $"lost wake-up: {_requests.Count} chain(s) never came back (device {(_deviceAwake ? "awake" : "asleep")}, driver {(_driverAwake ? "awake" : "asleep")})";
        }
        return null;
    }

    private string? CheckEnd()
    {
        if (_driver.InFlight != 0 || _driver.FreeDescriptors != _scenario.Size)
            return $"after drain: {_driver.InFlight} in flight, {_driver.FreeDescriptors} of {_scenario.Size} descriptors free";
        var rings = _world.RingRanges;
        (ulong Start, ulong Length)[] reads = [.. rings, (SplitWorld.IndirectArea, (ulong)_scenario.Size * MaxIndirect * 16), (ReadRegion, RegionSize)];
        (ulong Start, ulong Length)[] writes = [rings[2], (WriteRegion, RegionSize)];
        foreach (var access in _world.Log.Accesses)
        {
            var allowed = access.Kind == MemoryAccessKind.Read ? reads : writes;
            if (access.Verdict != AccessVerdict.Allowed || !allowed.Any(r => access.Address >= r.Start && access.Address + access.Length <= r.Start + r.Length))
                return $"device {access.Kind} [0x{access.Address:x}, +{access.Length}) {access.Verdict} is outside what it may touch";
        }
        return null;
    }

    private string? Add(int a, int b)
    {
        int readable = a % 4, writable = a / 4 % 4;
        if (readable + writable == 0) writable = 1;
        var sizes = new Random(b);
        long token = _nextToken;
        var read = Enumerable.Range(0, readable).Select(_ => Allocate(ref _nextRead, sizes.Next(1, Slot + 1))).ToArray();
        var write = Enumerable.Range(0, writable).Select(_ => Allocate(ref _nextWrite, sizes.Next(1, Slot + 1))).ToArray();
        byte[] payload = Pattern(token, read.Sum(r => (int)r.Length));
        int offset = 0;
        foreach (var r in read)
        {
            _world.Memory.Write(r.Address, payload.AsSpan(offset, (int)r.Length));
            offset += (int)r.Length;
        }

        int free = _driver.FreeDescriptors, inFlight = _driver.InFlight;
        ushort avail = _driver.AvailIndex;
        if (!_driver.TryAdd(read, write, token))
            return (free, inFlight, avail) != (_driver.FreeDescriptors, _driver.InFlight, _driver.AvailIndex) ? "a refused add changed the driver's state" : null;
        _nextToken++;
        _requests.Add(token, new Request(read, write));
        _tokenByFirstBuffer.Add(read.Length > 0 ? read[0].Address : write[0].Address, token);
        return null;
    }

    private static BufferSpec Allocate(ref ulong next, int bytes)
    {
        var buffer = new BufferSpec(next, (uint)bytes);
        next += Slot;
        return buffer;
    }

    /// <summary>After the decision, a sleeping device with chains it has not popped must have a kick coming.</summary>
    private string? Kick()
    {
        if (_driver.KickNeeded()) return Wake(ref _kickPending);
        bool waiting = _driver.AvailIndex != _device.LastAvailIndex;
        return waiting && !_deviceAwake && !_kickPending ? "lost kick: chains wait, the device sleeps, and KickNeeded said no" : null;
    }

    private string? DeviceStep()
    {
        if (_kickPending)
        {
            _kickPending = false;
            if (!_deviceAwake) _device.DisableNotifications();
            _deviceAwake = true;
        }
        if (!_deviceAwake) return null;
        if (_deviceFoundNothing)
        {
            _deviceFoundNothing = false;
            if (_device.EnableNotifications()) _deviceAwake = false;
            return null;
        }
        var chain = new DescriptorChain();
        if (_device.TryPop(chain)) return CheckPopped(chain);
        _deviceFoundNothing = true;
        return null;
    }

    private string? CheckPopped(DescriptorChain chain)
    {
        _progress++;
        if (chain.Segments.Count == 0 || !_tokenByFirstBuffer.TryGetValue(chain.Segments[0].Address, out long token) || !_requests.TryGetValue(token, out var request))
            return $"popped chain {chain.Id} matches no chain in flight";
        if (request.Popped) return $"chain of token {token} popped twice";
        request.Popped = true;
        var expected = request.Readable.Select(b => new ChainSegment(b.Address, b.Length, false))
            .Concat(request.Writable.Select(b => new ChainSegment(b.Address, b.Length, true)));
        if (!expected.SequenceEqual(chain.Segments)) return $"chain of token {token} has segments {string.Join(", ", chain.Segments)}";
        var data = new byte[chain.ReadableLength];
        if (chain.Read(_world.DeviceMemory, 0, data) != data.Length || !data.AsSpan().SequenceEqual(Pattern(token, data.Length)))
            return $"chain of token {token}: readable bytes differ from what the driver wrote";
        _popped.Add((token, chain));
        return null;
    }

    private string? Complete(int which, int a)
    {
        _progress++;
        var (token, chain) = _popped[which];
        _popped.RemoveAt(which);
        int length = (int)((uint)a % (chain.WritableLength + 1));
        if (chain.Write(_world.DeviceMemory, 0, Pattern(~token, length)) != length) return $"token {token}: short write";
        _device.PushUsed(chain.Id, chain.DescriptorCount, (uint)length);
        _requests[token].Written = length;
        return null;
    }

    /// <summary>After the decision, a sleeping driver with used buffers it has not reclaimed must have an interrupt coming.</summary>
    private string? Signal()
    {
        if (_device.InterruptNeeded()) return Wake(ref _interruptPending);
        bool waiting = _requests.Values.Any(r => r.Written is not null);
        return waiting && !_driverAwake && !_interruptPending ? "lost interrupt: used buffers wait, the driver sleeps, and InterruptNeeded said no" : null;
    }

    private string? DriverStep()
    {
        if (_interruptPending)
        {
            _interruptPending = false;
            if (!_driverAwake) _driver.DisableInterrupts();
            _driverAwake = true;
        }
        if (!_driverAwake) return null;
        if (_driverFoundNothing)
        {
            _driverFoundNothing = false;
            if (_driver.EnableInterrupts()) _driverAwake = false;
            return null;
        }
        if (!_driver.TryReclaim(out long token, out uint written))
        {
            _driverFoundNothing = true;
            return _driver.IsBroken ? $"driver broken: {_driver.BrokenReason}" : null;
        }
        _progress++;
        if (!_requests.Remove(token, out var request)) return $"token {token} reclaimed but not in flight";
        if (request.Written is not int expected) return $"token {token} reclaimed before the device completed it";
        if (written != expected) return $"token {token}: used len {written}, device wrote {expected}";
        var bytes = new byte[expected];
        int offset = 0;
        foreach (var w in request.Writable)
        {
            int chunk = Math.Min((int)w.Length, expected - offset);
            _world.Memory.Read(w.Address, bytes.AsSpan(offset, chunk));
            offset += chunk;
        }
        return bytes.AsSpan().SequenceEqual(Pattern(~token, expected)) ? null : $"token {token}: writable buffers differ from what the device wrote";
    }

    private string? Wake(ref bool pending)
    {
        pending = true;
        _progress++;
        return null;
    }

    private static byte[] Pattern(long seed, int length)
    {
        var bytes = new byte[length];
        for (int i = 0; i < length; i++) bytes[i] = (byte)(seed * 31 + i * 7 + 1);
        return bytes;
    }
}
