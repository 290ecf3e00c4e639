using Sim.Core.Time;
using Sim.Interconnect.Bus;

namespace Sim.Interconnect.Tests.Bus;

/// <summary>The fluid bus on cases whose numbers can be worked out by hand.</summary>
public sealed class FluidBusTests
{
    private const double GBps = 1e9;

    private static List<FlowCompletion> Drain(FluidBus bus, SimTime until)
    {
        bus.Advance(until);
        var ended = new List<FlowCompletion>();
        while (bus.TryTakeEnded(out var end)) ended.Add(end);
        return ended;
    }

    [Fact]
    public void Two_equal_flows_of_1_MB_and_3_MB_on_a_1_GBps_bus_finish_at_2_ms_and_4_ms()
    {
        var bus = new FluidBus(1 * GBps);
        bus.Start(SimTime.Zero, 1, 1_000_000, "vm0");
        bus.Start(SimTime.Zero, 2, 3_000_000, "vm1");
        Assert.Equal(0.5 * GBps, bus.RateOf(1));
        Assert.Equal(0.5 * GBps, bus.RateOf(2));
        Assert.True(bus.TryGetNextCompletion(out var first, out long firstId));
        Assert.Equal((SimTime.Parse("2ms"), 1L), (first, firstId));

        var ended = Drain(bus, SimTime.Parse("10ms"));
        Assert.Equal([(1L, SimTime.Parse("2ms"), 1_000_000L), (2L, SimTime.Parse("4ms"), 3_000_000L)],
            ended.Select(e => (e.Id, e.EndedAt, e.DeliveredBytes)));
        Assert.Equal(1_000_000, bus.Accounting.DeliveredBytes("vm0"));
        Assert.Equal(3_000_000, bus.Accounting.DeliveredBytes("vm1"));
        Assert.Equal(SimTime.Parse("4ms").Picoseconds, bus.Accounting.BusyPicoseconds);
        Assert.Equal(0.4, bus.Accounting.MeanUtilization, 12); // full for 4 ms of 10 ms
    }

    [Fact]
    public void A_capped_flow_leaves_the_rest_of_the_bus_to_the_other()
    {
        var bus = new FluidBus(1 * GBps);
        bus.Start(SimTime.Zero, 1, 200_000, "dev", rateCap: 0.1 * GBps);
        bus.Start(SimTime.Zero, 2, 900_000, "vm0");
        Assert.Equal(0.1 * GBps, bus.RateOf(1));
        Assert.Equal(0.9 * GBps, bus.RateOf(2));
        // Flow 2 finishes at 1 ms; flow 1 (100 KB done) keeps its cap and finishes at 2 ms.
        var ended = Drain(bus, SimTime.Parse("5ms"));
        Assert.Equal([(2L, SimTime.Parse("1ms")), (1L, SimTime.Parse("2ms"))], ended.Select(e => (e.Id, e.EndedAt)));
        Assert.Equal(SimTime.Parse("2ms").Picoseconds, bus.Accounting.BusyPicoseconds);
        Assert.Equal((0.5 * 1 + 0.5 * 0.1) / 2.5, bus.Accounting.MeanUtilization, 12); // 1 ms full, 1 ms at 10 %, 3 ms idle
    }

    [Fact]
    public void Water_filling_gives_capped_flows_their_caps_and_shares_the_rest_equally()
    {
        double[] caps = [1, 2, double.PositiveInfinity, double.PositiveInfinity, 9];
        var rates = new double[caps.Length];
        MaxMinFairShare.Allocate(10, caps, rates, new double[caps.Length], new int[caps.Length]);
        Assert.Equal([1, 2, 7.0 / 3, 7.0 / 3, 7.0 / 3], rates);
    }

    [Fact]
    public void A_capacity_change_mid_transfer_changes_the_finishing_time()
    {
        var bus = new FluidBus(1 * GBps);
        bus.Start(SimTime.Zero, 1, 2_000_000, "vm0");
        bus.SetCapacity(SimTime.Parse("1ms"), 0.5 * GBps); // 1 MB left at 0.5 GB/s: 2 ms more
        var ended = Drain(bus, SimTime.Parse("10ms"));
        Assert.Equal(SimTime.Parse("3ms"), Assert.Single(ended).EndedAt);
    }

    [Fact]
    public void Finishing_times_round_up_to_the_next_picosecond_and_the_flow_is_credited_exactly_its_size()
    {
        var bus = new FluidBus(3); // 3 B/s: 1 byte takes 333,333,333,333.33 ps
        bus.Start(SimTime.Zero, 7, 1, "vm0");
        Assert.True(bus.TryGetNextCompletion(out var at, out _));
        Assert.Equal(333_333_333_334L, at.Picoseconds);
        bus.Advance(new SimTime(333_333_333_333));
        Assert.True(bus.IsActive(7));
        var ended = Drain(bus, new SimTime(333_333_333_334));
        Assert.Equal((1L, 1L), (Assert.Single(ended).DeliveredBytes, bus.Accounting.DeliveredBytes("vm0")));
    }

    [Fact]
    public void A_cancelled_flow_is_credited_the_whole_bytes_moved_so_far_and_frees_its_share()
    {
        var bus = new FluidBus(1 * GBps);
        bus.Start(SimTime.Zero, 1, 1_000_000, "vm0");
        bus.Start(SimTime.Zero, 2, 1_000_000, "vm1");
        Assert.True(bus.Cancel(SimTime.Parse("1ms"), 1, out long delivered));
        Assert.Equal(500_000, delivered);
        Assert.Equal(1 * GBps, bus.RateOf(2));
        Assert.False(bus.Cancel(SimTime.Parse("1ms"), 1, out _));
        var ended = Drain(bus, SimTime.Parse("2ms"));
        Assert.Equal([(1L, 500_000L, SimTime.Parse("1ms")), (2L, 1_000_000L, SimTime.Parse("1.5ms"))],
            ended.Select(e => (e.Id, e.DeliveredBytes, e.EndedAt)));
        Assert.Equal(500_000, bus.Accounting.DeliveredBytes("vm0"));
    }

    [Fact]
    public void A_flow_due_at_the_time_of_a_cancel_has_already_completed()
    {
        var bus = new FluidBus(1 * GBps);
        bus.Start(SimTime.Zero, 1, 1_000, "vm0");
        Assert.False(bus.Cancel(SimTime.Parse("1us"), 1, out long delivered));
        Assert.Equal(0, delivered);
        Assert.Equal(1_000, Assert.Single(Drain(bus, SimTime.Parse("1us"))).DeliveredBytes);
    }

    [Fact]
    public void An_empty_transfer_completes_at_once_and_flows_ending_together_complete_in_order_of_id()
    {
        var bus = new FluidBus(1 * GBps);
        bus.Start(SimTime.Parse("1us"), 9, 0, "vm0");
        bus.Start(SimTime.Parse("1us"), 5, 1_000, "vm0");
        bus.Start(SimTime.Parse("1us"), 3, 1_000, "vm1");
        var ended = Drain(bus, SimTime.Parse("1ms"));
        Assert.Equal([(9L, SimTime.Parse("1us")), (3L, SimTime.Parse("3us")), (5L, SimTime.Parse("3us"))], ended.Select(e => (e.Id, e.EndedAt)));
    }

    [Fact]
    public void Misuse_is_refused_with_the_reason()
    {
        var bus = new FluidBus(1 * GBps);
        bus.Start(SimTime.Parse("1us"), 1, 10, "vm0");
        Assert.Contains("already on the bus", Assert.Throws<ArgumentException>(() => bus.Start(SimTime.Parse("1us"), 1, 10, "vm0")).Message);
        Assert.Contains("backwards", Assert.Throws<ArgumentException>(() => bus.Advance(SimTime.Zero)).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => bus.Start(SimTime.Parse("1us"), 2, -1, "vm0"));
        Assert.Throws<ArgumentOutOfRangeException>(() => bus.Start(SimTime.Parse("1us"), 2, 1, "vm0", rateCap: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => bus.SetCapacity(SimTime.Parse("1us"), 0));
    }

    [Fact]
    public void A_flow_too_slow_to_finish_within_the_time_range_waits_for_a_faster_rate()
    {
        var bus = new FluidBus(1e-6); // 1 MB would take 10^12 s, beyond the 106 days a SimTime holds
        bus.Start(SimTime.Zero, 1, 1_000_000, "vm0");
        Assert.True(bus.TryGetNextCompletion(out var never, out _));
        Assert.Equal(SimTime.MaxValue, never);
        bus.SetCapacity(SimTime.Zero, 1e6);
        Assert.True(bus.TryGetNextCompletion(out var at, out _));
        Assert.Equal(SimTime.Parse("1s"), at);
        Assert.Equal(1_000_000, Assert.Single(Drain(bus, SimTime.Parse("1s"))).DeliveredBytes);
    }
}
