using System.Buffers.Binary;
using Sim.Core.Actors;
using Sim.Core.Running;
using Sim.Core.Statistics;
using Sim.Core.Time;
using Sim.Devices.Blk;
using Sim.Devices.Tests.Blk;
using Sim.Devices.Common;
using Sim.Devices.Virtio;
using Sim.Devices.Virtio.Facilities;
using Sim.Devices.Virtio.Queues;
using Sim.Hypervisors.Memory;
using Sim.Hypervisors.Platform;
using Sim.Hypervisors.Window;

namespace Sim.Devices.Tests.Common;

/// <summary>
/// A virtio-blk backend driven through its transport by a scripted driver, for the device lifecycle (virtio 1.2, 2.1,
/// 2.4, 2.6.1, 3.1.1): the script initialises the device on rings of its choosing, adds read requests, kicks, resets the
/// device or a queue, writes registers, at the times it is given. The backend is wired as <see cref="VirtioTransport.Connect"/>
/// wires it (kicks the device accepted, device resets and queue stops reach it as messages at the write's time), and
/// every access it makes is recorded with its time (<see cref="Accesses"/>). Two ring sets, A and B, 16 entries each;
/// request buffers above <see cref="RingEnd"/>, mapped through the test platform.
/// </summary>
internal sealed class LifecycleRig
{
    public const ushort QueueSize = 16;
    public const ulong RingsA = 0x1000, RingsB = 0x3000, RingEnd = 0x10000;
    private const ulong Headers = 0x10000, Data = 0x40000;

    public LifecycleRig(string transport, ulong extraFeatures = 0)
    {
        Simulation = new Simulation(1);
        Memory = new GuestMemory("vm", 0x100000);
        Platform = new BlkTestPlatform(Memory, RingEnd) { Clock = () => Simulation.Now };
        var workload = new BlkWorkload(4096, 1.0, queueDepth: 4, sectorSpan: 64);
        ulong features = VirtioFeatures.Version1 | VirtioFeatures.AccessPlatform | extraFeatures;
        Transport = VirtioTransport.Create(transport, BlkDriver.DeviceId, BlkWorld.VendorId, features, [QueueSize], BlkWorld.ConfigSpace(64),
            BlkWorld.FindingsOf(Simulation, "vm/blk0/backend"));
        Backend = Simulation.Add("vm/blk0/backend", new BlkBackend(Platform, new BlkStorage(64, BlkTestTiming.Example), workload.StorageChannels, BlkWorld.Costs,
            Transport.ForBackend(Simulation.Reserve("vm/blk0/driver"))));
        Driver = Simulation.Add("vm/blk0/driver", new ScriptedDriver(this));
        Link = new BackendLink(Transport.Device, (message, _) => Driver.ToBackend(message));
    }

    public Simulation Simulation { get; }
    public BackendLink Link { get; }
    public GuestMemory Memory { get; }
    public BlkTestPlatform Platform { get; }
    public BlkBackend Backend { get; }
    public VirtioTransport Transport { get; }
    public ScriptedDriver Driver { get; }
    public IDriverQueue? Queue { get; private set; }
    public Dictionary<string, MetricSummary> Metrics { get; private set; } = new();
    public IReadOnlyList<Finding> Findings => Simulation.Findings;

    /// <summary>The backend's accesses.</summary>
    public IReadOnlyList<(SimTime Time, MemoryAccessKind Kind, ulong Address, int Length, bool Allowed)> Accesses => Platform.Recorded;

    /// <summary>Runs <paramref name="step"/> at <paramref name="at"/> (in the driver's turn).</summary>
    public LifecycleRig At(double microseconds, Action<LifecycleRig> step)
    {
        Driver.Steps.Add((SimTime.FromMicroseconds(microseconds), step));
        return this;
    }

    public LifecycleRig Run(double microseconds = 2000)
    {
        var outcome = Simulation.Run(new RunLimits(SimTime.FromMicroseconds(microseconds), SimTime.Zero));
        Assert.False(outcome.IsPartial);
        Metrics = Simulation.Metrics.SummarizeAll(Simulation.Now).ToDictionary(m => m.Key, m => m.Value);
        return this;
    }

    public double BackendMetric(string name) => Metrics[$"vm/blk0/backend/{name}"].Get("count");

    /// <summary>Initialises the device with queue 0 on the rings at <paramref name="rings"/>; asserts it reached DRIVER_OK.</summary>
    public void Initialise(ulong rings, ulong wanted = VirtioFeatures.Version1 | VirtioFeatures.AccessPlatform)
    {
        var result = Transport.Driver.Initialize(new TransportInitRequest(wanted, [Rings(rings)]));
        Assert.True(result.Success, result.Reason);
        Queue = Virtqueues.CreateDriver(Memory, result.Queues[0]);
    }

    /// <summary>The queue set-up of ring set <paramref name="rings"/>: descriptors, then the available and used rings.</summary>
    public static QueueSetup Rings(ulong rings) => new(0, QueueSize, rings, rings + 0x100, rings + 0x200);

    /// <summary>Whether [address, +length) touches ring set <paramref name="rings"/>.</summary>
    public static bool InRings(ulong rings, ulong address, int length) => address < rings + 0x200 + 6 + 8 * QueueSize && address + (ulong)length > rings;

    /// <summary>Adds a 4 KiB read of sector <paramref name="slot"/>·8 using slot <paramref name="slot"/>'s buffers (mapped now).</summary>
    public void AddRead(int slot)
    {
        ulong header = Headers + (ulong)slot * 0x1000, status = header + 0x100, data = Data + (ulong)slot * 0x1000;
        Span<byte> bytes = stackalloc byte[BlkLayout.HeaderSize];
        bytes.Clear();
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, BlkLayout.TypeIn);
        BinaryPrimitives.WriteUInt64LittleEndian(bytes[8..], (ulong)slot * 8);
        Memory.Write(header, bytes);
        Memory.Write(status, [0xff]);
        var h = Platform.Map(header, BlkLayout.HeaderSize, DmaDirection.ToDevice).Buffer;
        var d = Platform.Map(data, 4096, DmaDirection.FromDevice).Buffer;
        var s = Platform.Map(status, 1, DmaDirection.FromDevice).Buffer;
        Assert.True(Queue!.TryAdd([new(h.DmaAddress, h.Length)], [new(d.DmaAddress, d.Length), new(s.DmaAddress, s.Length)], slot));
    }

    /// <summary>Notifies queue 0 through the transport (the device decides whether the backend hears of it).</summary>
    public void Kick() => Transport.Driver.Notify(new QueueNotification(0));

    /// <summary>The used ring's index in ring set <paramref name="rings"/>.</summary>
    public ushort UsedIndex(ulong rings) => Memory.ReadUInt16(rings + 0x200 + 2);

    /// <summary>The guest's side: runs the script's steps at their times, counts interrupts and the backend's stop answers.</summary>
    public sealed class ScriptedDriver(LifecycleRig rig) : Actor
    {
        private sealed record Step(int Index);

        public List<(SimTime At, Action<LifecycleRig> Action)> Steps { get; } = new();
        public int Interrupts { get; private set; }
        public int StopAnswers { get; private set; }

        public void ToBackend(object message) => Send(rig.Backend.Ref, message);

        protected override void OnStart()
        {
            for (int i = 0; i < Steps.Count; i++) SetTimer(i, new Step(i), Steps[i].At);
        }

        protected override void Receive(object message, ActorRef sender)
        {
            switch (message)
            {
                case Step step: Steps[step.Index].Action(rig); break;
                case UsedBufferInterrupt: Interrupts++; break;
                case TransportStopped: StopAnswers++; break;
                case DeviceNeedsReset: rig.Link.NeedsReset(); break;
                default: Unhandled(message); break;
            }
        }
    }
}
