using Sim.Core.Time;
using Sim.Platform.Network.TrafficControl;
using static Sim.Platform.Tests.TrafficControl.QdiscDriver;

namespace Sim.Platform.Tests.TrafficControl;

/// <summary>Every rule the factory enforces (sch_mqprio.c <c>mqprio_parse_opt</c>, sch_taprio.c <c>parse_taprio_schedule</c>) has a test that breaks it.</summary>
public sealed class QdiscFactoryTests
{
    private static readonly int[] Map = [0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];

    private static TaprioSpec Taprio(params GateEntry[] entries) =>
        new(2, Map, [new TxQueueRange(1, 0), new TxQueueRange(1, 1)], SimTime.Zero, entries.Length > 0 ? entries : [new GateEntry(0b11, Us(100))]);

    private static string Refused(QdiscSpec spec, int txQueues = 4) =>
        Assert.Throws<ArgumentException>(() => QdiscFactory.Build(spec, txQueues, Rate)).Message;

    [Fact]
    public void A_valid_taprio_builds_a_software_taprio_or_an_offloaded_mqprio_with_hardware_gates()
    {
        Assert.IsType<Taprio>(QdiscFactory.Build(Taprio(), 4, Rate).Root);
        var offloaded = QdiscFactory.Build(Taprio() with { FullOffload = true }, 4, Rate);
        Assert.IsType<Mqprio>(offloaded.Root);
        Assert.NotNull(offloaded.HardwareGates);
        Assert.Equal(Us(100), offloaded.HardwareGates!.CycleTime);
    }

    [Fact]
    public void A_gate_mask_beyond_num_tc_is_refused() =>
        Assert.Contains("beyond num_tc 2", Refused(Taprio(new GateEntry(0b100, Us(10)))));

    [Fact]
    public void A_map_entry_beyond_num_tc_is_refused()
    {
        int[] map = [.. Map];
        map[5] = 2;
        Assert.Contains("priority 5 is traffic class 2", Refused(Taprio() with { Map = map }));
        Assert.Contains("16", Refused(Taprio() with { Map = [0, 1] }));
    }

    [Fact]
    public void Overlapping_or_out_of_range_queues_are_refused()
    {
        Assert.Contains("overlap", Refused(new MqprioSpec(2, Map, [new TxQueueRange(2, 0), new TxQueueRange(1, 1)])));
        Assert.Contains("not within", Refused(new MqprioSpec(2, Map, [new TxQueueRange(1, 0), new TxQueueRange(2, 3)])));
        Assert.Contains("not within", Refused(new MqprioSpec(2, Map, [new TxQueueRange(0, 0), new TxQueueRange(1, 1)])));
        Assert.Contains("one per traffic class", Refused(new MqprioSpec(2, Map, [new TxQueueRange(1, 0)])));
    }

    [Fact]
    public void Num_tc_outside_one_to_sixteen_is_refused()
    {
        Assert.Contains("num_tc is 0", Refused(new MqprioSpec(0, Map, [])));
        Assert.Contains("num_tc is 17", Refused(new MqprioSpec(17, Map, [])));
    }

    [Fact]
    public void Zero_intervals_empty_lists_and_short_cycles_are_refused()
    {
        Assert.Contains("positive interval", Refused(Taprio(new GateEntry(1, SimTime.Zero))));
        Assert.Contains("no sched-entry", Refused(Taprio() with { Entries = [] }));
        Assert.Contains("shorter than", Refused(Taprio(new GateEntry(1, Us(60)), new GateEntry(2, Us(60))) with { CycleTime = Us(100) }));
        Assert.Contains("negative", Refused(Taprio() with { SoftwareDequeueLatency = SimTime.FromNanoseconds(-1) }));
    }

    [Fact]
    public void A_cycle_longer_than_the_entries_keeps_the_last_entry_gates_to_its_end()
    {
        var plan = QdiscFactory.Build(Taprio(new GateEntry(0b01, Us(10)), new GateEntry(0b10, Us(10))) with { CycleTime = Us(100) }, 4, Rate);
        var gates = ((Taprio)plan.Root).Schedule;
        Assert.True(gates.IsOpen(1, Us(99)));
        Assert.False(gates.IsOpen(1, Us(100)));
        Assert.True(gates.IsOpen(0, Us(100)));
    }

    [Fact]
    public void Children_must_be_leaves_on_existing_queues_and_limits_positive()
    {
        var nested = new Dictionary<int, QdiscSpec> { [0] = Taprio() };
        Assert.Contains("must be the root", Refused(Taprio() with { Children = nested }));
        Assert.Contains("transmit queue 7", Refused(Taprio() with { Children = new Dictionary<int, QdiscSpec> { [7] = new PfifoSpec() } }));
        Assert.Contains("limit is 0", Refused(new PfifoFastSpec(0)));
        Assert.Contains("delta", Refused(new EtfSpec(SimTime.FromNanoseconds(-1))));
        Assert.Throws<ArgumentException>(() => QdiscFactory.Build(new PfifoFastSpec(), 0, Rate));
    }
}
