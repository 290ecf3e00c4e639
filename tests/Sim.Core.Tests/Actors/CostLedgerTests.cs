using Sim.Core.Actors;
using Sim.Core.Costs;
using Sim.Core.Running;
using Sim.Core.Statistics;
using Sim.Core.Time;

namespace Sim.Core.Tests.Actors;

/// <summary>
/// A busy resource's ledger: every picosecond it spends is named. What it charges itself lands under the charge's
/// name, what a collaborator charged on its behalf is spent as already charged, what nobody named is unattributed, and
/// a collaborator that charged the wrong resource is a model bug caught at the end of the message.
/// </summary>
public sealed class CostLedgerTests
{
    private static readonly CostItem Work = CostItem.Of("test.work", SimTime.Parse("3ns"));
    private static readonly CostItem Helper = CostItem.Of("test.helper", SimTime.Parse("5ns"));

    /// <summary>A collaborator (a platform, say) that charges the ledger it was given and returns the time to spend.</summary>
    private sealed class Collaborator
    {
        public ICostSink Payer { get; set; } = NoCostSink.Instance;

        public SimTime Do()
        {
            var charge = Helper.Once;
            Payer.Busy(charge);
            return charge.Time;
        }
    }

    private sealed class Cpu(Collaborator collaborator, SimTime unnamed, SimTime overcharge) : BusyResource
    {
        protected override void Serve(object message, ActorRef sender)
        {
            Spend(Work, 2);
            Spend(collaborator.Do());
            Delay(CostItem.Of("test.flight", SimTime.Parse("7ns")).Once);
            if (unnamed > SimTime.Zero) Spend(unnamed);
            if (overcharge > SimTime.Zero) Ledger.Busy(new CostCharge(CostKey.Of("test.extra"), 1, overcharge));
        }
    }

    private static (Simulation Simulation, Cpu Cpu) World(SimTime unnamed = default, SimTime overcharge = default, bool wired = true)
    {
        var simulation = new Simulation(1);
        var collaborator = new Collaborator();
        var cpu = simulation.Add("cpu", new Cpu(collaborator, unnamed, overcharge));
        if (wired) collaborator.Payer = cpu.Ledger;
        simulation.Schedule(cpu.Ref, "a", SimTime.Zero);
        simulation.Schedule(cpu.Ref, "b", SimTime.Zero);
        return (simulation, cpu);
    }

    [Fact]
    public void Every_charge_lands_under_its_name_and_the_busy_total_is_the_time_spent()
    {
        var (simulation, cpu) = World();
        simulation.Run(new RunLimits(SimTime.Parse("1us"), SimTime.Zero));
        var lines = cpu.Ledger.Lines.ToDictionary(l => l.Name);
        Assert.Equal(["test.flight", "test.helper", "test.work"], lines.Keys);
        Assert.Equal((4L, SimTime.Parse("12ns")), (lines["test.work"].Count, lines["test.work"].Busy));
        Assert.Equal((2L, SimTime.Parse("10ns")), (lines["test.helper"].Count, lines["test.helper"].Busy));
        Assert.Equal((2L, SimTime.Zero, SimTime.Parse("14ns")), (lines["test.flight"].Count, lines["test.flight"].Busy, lines["test.flight"].Delay));
        Assert.Equal(SimTime.Parse("22ns"), cpu.Ledger.BusyTotal);
        // The resource was busy for exactly what its ledger says: two messages of 11 ns in a 1 us run.
        var utilization = (TimeWeightedGauge)simulation.Metrics.Find("cpu/utilization")!;
        Assert.Equal(cpu.Ledger.BusyTotal.TotalSeconds * 1e6, utilization.Summarize(simulation.Now).Get("mean"), 12);
        // The ledger is a metric: its summary names every line.
        var summary = simulation.Metrics.Find("cpu/costs")!.Summarize(simulation.Now);
        Assert.Equal(MetricKind.Ledger, summary.Kind);
        Assert.Equal(22, summary.Get("busy") * 1e9, 9);
        Assert.Equal(14, summary.Get("delay") * 1e9, 9);
        Assert.Equal(4, summary.Get("test.work.count"));
    }

    [Fact]
    public void Time_spent_that_no_charge_named_is_recorded_as_unattributed()
    {
        var (simulation, cpu) = World(unnamed: SimTime.Parse("1ns"));
        simulation.Run(new RunLimits(SimTime.Parse("1us"), SimTime.Zero));
        var unattributed = cpu.Ledger.Lines.Single(l => l.Name == CostKey.Unattributed.Name);
        Assert.Equal((2L, SimTime.Parse("2ns")), (unattributed.Count, unattributed.Busy));
        Assert.Equal(SimTime.Parse("24ns"), cpu.Ledger.BusyTotal);
    }

    [Fact]
    public void A_collaborator_nobody_wired_leaves_its_time_unattributed()
    {
        var (simulation, cpu) = World(wired: false);
        simulation.Run(new RunLimits(SimTime.Parse("1us"), SimTime.Zero));
        Assert.DoesNotContain(cpu.Ledger.Lines, l => l.Name == "test.helper");
        Assert.Equal(SimTime.Parse("10ns"), cpu.Ledger.Lines.Single(l => l.Name == CostKey.Unattributed.Name).Busy);
    }

    [Fact]
    public void A_charge_beyond_what_the_resource_spent_is_a_model_bug()
    {
        var (simulation, _) = World(overcharge: SimTime.Parse("1ns"));
        var failure = Assert.Throws<ActorFailedException>(() => simulation.Run(new RunLimits(SimTime.Parse("1us"), SimTime.Zero)));
        Assert.Contains("charged the wrong resource", failure.InnerException?.Message ?? failure.Message);
    }

    [Fact]
    public void The_ledger_restarts_at_the_warm_up()
    {
        var (simulation, cpu) = World();
        simulation.Schedule(cpu.Ref, "c", SimTime.Parse("500ns"));
        simulation.Run(new RunLimits(SimTime.Parse("1us"), SimTime.Parse("100ns")));
        Assert.Equal(SimTime.Parse("11ns"), cpu.Ledger.BusyTotal);
        Assert.Equal(2L, cpu.Ledger.Lines.Single(l => l.Name == "test.work").Count);
    }
}
