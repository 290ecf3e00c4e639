using Sim.Core.Actors;
using Sim.Core.Costs;
using Sim.Core.Running;
using Sim.Core.Time;
using Sim.Devices.Common;
using Sim.Devices.Input;
using Sim.Devices.Tests.Blk;
using Sim.Devices.Virtio;
using Sim.Devices.Virtio.Mmio;
using Sim.Hypervisors.Memory;

namespace Sim.Devices.Tests.Input;

/// <summary>Hands given reports to a backend at given times (the human interface device in tests).</summary>
internal sealed class ReportInjector(IReadOnlyList<(SimTime At, InputEvent[] Events)> reports, ActorRef target) : Actor
{
    protected override void OnStart()
    {
        foreach (var (at, events) in reports) Send(Self, new InputReport(events), at);
    }

    protected override void Receive(object message, ActorRef sender)
    {
        if (message is InputReport report) Send(target, new InputReport([.. report.Events]));
    }
}

/// <summary>A one-guest virtio-input world on the test-double platform: driver, backend, the device's config and a report injector.</summary>
internal sealed class InputRig
{
    public const string Driver = "vm/input0/driver";
    public const string Backend = "vm/input0/backend";

    public static readonly InputCosts Costs = new(CostItem.Of("input.backend.report", SimTime.FromMicroseconds(2)), CostItem.Of("input.guest.event", SimTime.FromNanoseconds(200)));

    public Simulation Simulation { get; } = new(11);

    public InputDriver DriverActor { get; }

    /// <summary>
    /// A rig whose device presents <paramref name="profile"/>, whose driver keeps <paramref name="eventBuffers"/>
    /// buffers posted, and whose backend is handed <paramref name="reports"/>.
    /// </summary>
    public InputRig(InputDeviceProfile profile, int eventBuffers, IReadOnlyList<(SimTime At, InputEvent[] Events)> reports)
    {
        var memory = new GuestMemory("vm", 4UL << 20);
        var layout = InputGuestLayout.For(64, eventBuffers, 0x1000);
        var platform = new BlkTestPlatform(memory, layout.EventBufferArea);
        var transport = VirtioTransport.Mmio(InputLayout.DeviceId, 0x4D495356, VirtioFeatures.Version1 | VirtioFeatures.AccessPlatform | VirtioFeatures.EventIdx,
            [64, 64], InputConfigSpace.Initial(), BlkWorld.FindingsOf(Simulation, Backend));
        InputConfigSpace.Attach(profile, (MmioDevice)transport.Device);
        var backend = Simulation.Add(Backend, new InputBackend(platform, BlkWorld.Costs, Costs, transport.ForBackend(Simulation.Reserve(Driver))));
        DriverActor = Simulation.Add(Driver, new InputDriver(memory, transport.ForDriver(backend.Ref), platform, 0, layout, RequestArrivals.ReceiveOnly(), BlkWorld.Costs, Costs));
        Simulation.Add("hid/injector", new ReportInjector(reports, backend.Ref));
    }

    public InputRig Run(SimTime end)
    {
        Simulation.Run(new RunLimits(end, SimTime.Zero, null));
        return this;
    }

    public IReadOnlyList<Finding> Findings => Simulation.Findings;

    public double Metric(string path, string value = "count") =>
        Simulation.Metrics.SummarizeAll(Simulation.Now).Single(p => p.Key == path).Value.Get(value);
}
