using Sim.Core.Randomness;
using Sim.Devices.Virtio;
using Sim.Devices.Virtio.Packed;
using Sim.Devices.Virtio.Queues;
using Sim.Devices.Virtio.Split;
using Sim.Hypervisors.Memory;

namespace Sim.Devices.Adversaries;

/// <summary>What a hostile-driver run found.</summary>
/// <param name="Steps">Steps taken.</param>
/// <param name="Pops">Chains the device accepted.</param>
/// <param name="Resets">Times the device had to be reset after a broken rule.</param>
/// <param name="ViolationsByRule">Findings, counted per rule name.</param>
/// <param name="BreachCount">Device accesses outside what it may touch (must be 0).</param>
/// <param name="Breaches">The first breaches, described.</param>
/// <param name="DriverFaults">Times the (hostile) guest's own driver code gave up on its corrupted ring.</param>
public sealed record HostileDriverReport(long Steps, long Pops, long Resets, IReadOnlyDictionary<string, long> ViolationsByRule,
    long BreachCount, IReadOnlyList<string> Breaches, long DriverFaults);

/// <summary>
/// A malicious guest driver against a device half: it mixes well-formed chains with random bytes written into its own
/// rings, descriptor table, event areas and indirect tables (loops, huge lengths, addresses outside memory, index
/// jumps, stray flags), and kicks. The device must never hang (every pop terminates), never throw, and never touch
/// memory outside its rings, descriptor tables and the buffers of chains that passed validation
/// (<see cref="FencedDeviceMemory"/>); every problem must be a finding, after which the device is reset and the
/// attack goes on. All draws come from one seeded stream, so a run replays exactly.
/// </summary>
public static class HostileDriverRun
{
    private const ushort QueueSize = 16;
    private const ulong MemoryBytes = 1 << 20;
    private const ulong Descriptors = 0x1000, DriverArea = 0x2000, DeviceArea = 0x3000, Indirect = 0x8000, Buffers = 0x10000;

    private sealed class Tally : IQueueViolationSink
    {
        public readonly Dictionary<string, long> ByRule = new(StringComparer.Ordinal);

        public void Violation(QueueRule rule, string detail)
        {
            string name = QueueRules.Describe(rule).Name;
            ByRule[name] = ByRule.GetValueOrDefault(name) + 1;
        }
    }

    /// <summary>Runs <paramref name="steps"/> steps against a <paramref name="packed"/> or split queue.</summary>
    public static HostileDriverReport Run(bool packed, bool eventIdx, bool indirect, ulong seed, long steps)
    {
        var random = new ActorRandom(seed);
        var memory = new GuestMemory("hostile", MemoryBytes);
        ulong features = VirtioFeatures.Version1 | (packed ? VirtioFeatures.RingPacked : 0)
            | (eventIdx ? VirtioFeatures.EventIdx : 0) | (indirect ? VirtioFeatures.IndirectDesc : 0);
        var config = new QueueConfig(QueueSize, Descriptors, DriverArea, DeviceArea, features);
        var fenced = new FencedDeviceMemory(new DirectDeviceMemory(memory, "hostile/backend", new AccessLog()));
        fenced.AddRing(Descriptors, (ulong)QueueSize * 16);
        fenced.AddRing(DriverArea, packed ? PackedLayout.EventAreaSize : SplitLayout.AvailRingBytes(QueueSize));
        fenced.AddRing(DeviceArea, packed ? PackedLayout.EventAreaSize : SplitLayout.UsedRingBytes(QueueSize));
        var tally = new Tally();
        var chain = new DescriptorChain();
        var data = new byte[4096];
        long pops = 0, resets = 0, driverFaults = 0;

        IDriverQueue driver = null!;
        IDeviceQueue device = null!;
        void Reset()
        {
            memory.Fill(Descriptors, DeviceArea + 0x1000 - Descriptors, 0);
            driver = Virtqueues.CreateDriver(memory, config, Indirect, 4);
            device = Virtqueues.CreateDevice(fenced, config, tally) ?? throw new InvalidOperationException("the hostile run's queue layout is invalid");
        }
        Reset();

        for (long step = 0; step < steps; step++)
        {
            int action = random.Next(10);
            if (action < 4) GuestStep(() => AddChain(driver, random), ref driverFaults);
            else if (action < 7) Corrupt(memory, random, packed);
            else if (action < 8) GuestStep(() => { while (driver.TryReclaim(out _, out _)) { } driver.EnableInterrupts(); }, ref driverFaults);
            else pops += Serve(device, fenced, chain, data);
            if (device.IsBroken || driver.IsBroken)
            {
                resets++;
                Reset();
            }
        }
        return new HostileDriverReport(steps, pops, resets, tally.ByRule, fenced.BreachCount, fenced.Breaches, driverFaults);
    }

    /// <summary>The device side: woken, it drains every chain it accepts, moving data only for validated chains.</summary>
    private static long Serve(IDeviceQueue device, FencedDeviceMemory fenced, DescriptorChain chain, byte[] data)
    {
        long pops = 0;
        fenced.Current = FencedDeviceMemory.Phase.Publish;
        device.DisableNotifications();
        fenced.Current = FencedDeviceMemory.Phase.Walk;
        for (int budget = 0; budget < 4 * QueueSize && device.TryPop(chain); budget++)
        {
            pops++;
            fenced.SetChain(chain.Segments.Select(s => (s.Address, s.Length, s.DeviceWritable)));
            fenced.Current = FencedDeviceMemory.Phase.Data;
            long read = chain.Read(fenced, 0, data.AsSpan(0, (int)Math.Min(chain.ReadableLength, data.Length)));
            long written = read < 0 ? -1 : chain.Write(fenced, 0, data.AsSpan(0, (int)Math.Min(chain.WritableLength, data.Length)));
            fenced.Current = FencedDeviceMemory.Phase.Publish;
            if (written < 0)
            {
                device.ReportRefusedBuffer(chain);
                break;
            }
            device.PushUsed(chain.Id, chain.DescriptorCount, (uint)written);
            device.InterruptNeeded();
            fenced.Current = FencedDeviceMemory.Phase.Walk;
        }
        fenced.Current = FencedDeviceMemory.Phase.Publish;
        if (!device.IsBroken) device.EnableNotifications();
        return pops;
    }

    /// <summary>A well-formed chain (sometimes with buffers outside memory or huge), added through the guest's driver.</summary>
    private static void AddChain(IDriverQueue driver, ActorRandom random)
    {
        int readable = random.Next(0, 3), writable = random.Next(readable == 0 ? 1 : 0, 3);
        Span<BufferSpec> buffers = stackalloc BufferSpec[readable + writable];
        for (int i = 0; i < buffers.Length; i++)
        {
            ulong address = random.Next(8) == 0 ? random.NextUInt64() : Buffers + random.NextUInt64(MemoryBytes - Buffers - 4096);
            uint length = random.Next(16) == 0 ? (uint)random.NextUInt64(uint.MaxValue) : (uint)random.Next(1, 4096);
            buffers[i] = new BufferSpec(address, length);
        }
        driver.TryAdd(buffers[..readable], buffers[readable..], random.NextInt64());
        driver.KickNeeded();
    }

    /// <summary>Random bytes, or a hostile value in a ring field, written over the guest's own queue structures.</summary>
    private static void Corrupt(GuestMemory memory, ActorRandom random, bool packed)
    {
        ulong[] areas = [Descriptors, DriverArea, DeviceArea, Indirect];
        ulong[] sizes = [(ulong)QueueSize * 16, packed ? 4UL : 6 + 2UL * QueueSize, packed ? 4UL : 6 + 8UL * QueueSize, (ulong)QueueSize * 4 * 16];
        int area = random.Next(areas.Length);
        ulong offset = random.NextUInt64(sizes[area]);
        Span<byte> bytes = stackalloc byte[8];
        switch (random.Next(4))
        {
            case 0: random.NextBytes(bytes); break;                                   // noise
            case 1: BitConverter.TryWriteBytes(bytes, ulong.MaxValue - random.NextUInt64(64)); break; // huge values
            case 2: BitConverter.TryWriteBytes(bytes, (ulong)random.Next(QueueSize + 2)); break;     // plausible indexes
            default: BitConverter.TryWriteBytes(bytes, (ulong)(1 << random.Next(16))); break;        // single flag bits
        }
        int length = (int)Math.Min((ulong)random.Next(1, 9), sizes[area] - offset);
        memory.Write(areas[area] + offset, bytes[..length]);
    }

    /// <summary>Runs guest driver code that may give up on its own corrupted ring; a fault there is the guest's, counted.</summary>
    private static void GuestStep(Action action, ref long faults)
    {
        try
        {
            action();
        }
        catch (InvalidOperationException)
        {
            faults++;
        }
    }
}
