using Sim.Devices.Common;
using System.Buffers.Binary;
using Sim.Core.Actors;
using Sim.Core.Running;
using Sim.Core.Statistics;
using Sim.Core.Time;
using Sim.Devices.Scmi;
using Sim.Devices.Tests.Blk;
using Sim.Devices.Virtio;
using Sim.Devices.Virtio.Facilities;
using Sim.Devices.Virtio.Mmio;
using Sim.Hypervisors.Memory;
using Sim.Devices.Scmi.Protocol;

namespace Sim.Devices.Tests.Scmi.Virtio;

/// <summary>
/// One VM's virtio-scmi channel on the strict test platform (<see cref="BlkTestPlatform"/>): driver, backend and a fake
/// SCMI platform (<see cref="BatchingScmiPlatform"/>), plus a probe agent sending the given commands at once.
/// </summary>
internal sealed class ScmiVirtioWorld
{
    public ScmiVirtioWorld(byte[][] commands, int batch, bool packed = false, int maxPendingNotifications = 64, Func<ScmiGuestLayout, ulong, bool>? refuse = null)
    {
        Simulation = new Simulation(1);
        Layout = ScmiGuestLayout.For(0x3000, 16, 4, 2);
        Memory = new GuestMemory("vm", Layout.End);
        Platform = new BlkTestPlatform(Memory, Layout.BufferArea, refuse: refuse is null ? null : a => refuse(Layout, a));
        Fake = Simulation.Add("platform", new BatchingScmiPlatform(batch));
        ulong offered = VirtioFeatures.Version1 | VirtioFeatures.RingPacked | VirtioFeatures.EventIdx | VirtioFeatures.AccessPlatform
            | ScmiVirtioLayout.Mask(ScmiVirtioLayout.FeatureP2aChannels);
        var transport = VirtioTransport.Mmio(ScmiVirtioLayout.DeviceId, BlkWorld.VendorId, offered, [16, 16], [], BlkWorld.FindingsOf(Simulation, "vm/scmi/backend"));
        Backend = Simulation.Add("vm/scmi/backend", new ScmiBackend(Platform, BlkWorld.Costs, 1, Fake.Ref, SimTime.FromMicroseconds(2),
            transport.ForBackend(Simulation.Reserve("vm/scmi/driver")), maxPendingNotifications));
        Driver = Simulation.Add("vm/scmi/driver", new ScmiDriver(Memory, transport.ForDriver(Backend.Ref), Platform, packed ? VirtioFeatures.RingPacked : 0, Layout, BlkWorld.Costs));
        Probe = Simulation.Add("vm/agent", new ProbeAgent(Driver.Ref, commands));
    }

    public Simulation Simulation { get; }
    public ScmiGuestLayout Layout { get; }
    public GuestMemory Memory { get; }
    public BlkTestPlatform Platform { get; }
    public BatchingScmiPlatform Fake { get; }
    public ScmiBackend Backend { get; }
    public ScmiDriver Driver { get; }
    public ProbeAgent Probe { get; }

    public long Count(string path) => ((Counter)Simulation.Metrics.Find(path)!).Value;

    public void Run() => Simulation.Run(new RunLimits(SimTime.FromMilliseconds(2), SimTime.Zero));

    /// <summary>A command with <paramref name="token"/> (PERFORMANCE_LEVEL_GET of domain <paramref name="token"/>).</summary>
    public static byte[] Command(ushort token) => ScmiMessage.Command(new PerfLevelGetRequest(token), token);

    /// <summary>Records responses as (token, the value the fake put after the status) and notifications' bytes.</summary>
    internal sealed class ProbeAgent(ActorRef channel, byte[][] commands) : Actor
    {
        public List<(ushort Token, uint Value)> Responses { get; } = [];
        public List<byte[]> Notifications { get; } = [];

        protected override void OnStart()
        {
            foreach (var command in commands) Send(channel, new ScmiCommandMessage(1, command, Self));
        }

        protected override void Receive(object message, ActorRef sender)
        {
            switch (message)
            {
                case ScmiResponseMessage response:
                    Assert.True(ScmiMessage.TrySplit(response.Message, out var header, out var payload));
                    Responses.Add((header.Token, BinaryPrimitives.ReadUInt32LittleEndian(payload[4..])));
                    break;
                case ScmiNotificationMessage notification:
                    Notifications.Add(notification.Message);
                    break;
                default:
                    throw new ArgumentException(message.GetType().Name, nameof(message));
            }
        }
    }
}

/// <summary>
/// A fake SCMI platform that holds commands until it has <c>batch</c> of them and answers them in reverse order (header
/// echoed, status SUCCESS, then the command's first parameter word plus 1000), so that responses come back out of order.
/// It records the bytes of every command it got.
/// </summary>
internal sealed class BatchingScmiPlatform(int batch) : Actor
{
    private readonly List<ScmiCommandMessage> _held = [];

    public List<(int Agent, byte[] Message)> Received { get; } = [];

    protected override void Receive(object message, ActorRef sender)
    {
        var command = (ScmiCommandMessage)message;
        Received.Add((command.Agent, command.Message));
        _held.Add(command);
        if (_held.Count < batch) return;
        for (int i = _held.Count - 1; i >= 0; i--)
        {
            var held = _held[i];
            var response = new byte[12];
            held.Message.AsSpan(0, 4).CopyTo(response);
            uint parameter = BinaryPrimitives.ReadUInt32LittleEndian(held.Message.AsSpan(4));
            BinaryPrimitives.WriteUInt32LittleEndian(response.AsSpan(8), parameter + 1000);
            Send(held.ReplyTo, new ScmiResponseMessage(response), SimTime.FromMicroseconds(1));
        }
        _held.Clear();
    }
}
