using Sim.Core.Running;
using Sim.Core.Statistics;
using Sim.Core.Tests.Support;
using Sim.Core.Time;

namespace Sim.Core.Tests.Running;

public sealed class RunControlTests
{
    /// <summary>An actor that ticks every nanosecond and counts its ticks.</summary>
    private static (Simulation Simulation, List<Delivery> Log) Ticker(Action<RecordingActor, object>? extra = null)
    {
        var log = new List<Delivery>();
        var simulation = new Simulation(1);
        Counter? ticks = null;
        simulation.Add("ticker", new RecordingActor(log,
            react: (self, message, _) =>
            {
                ticks!.Increment();
                extra?.Invoke(self, message);
                self.Tell(self.Ref, "tick", SimTime.Parse("1ns"));
            },
            start: self =>
            {
                ticks = self.Counter("ticks");
                self.Tell(self.Ref, "tick", SimTime.Zero);
            }));
        return (simulation, log);
    }

    [Fact]
    public void Stops_before_the_end_time_and_sets_the_clock_to_it()
    {
        var (simulation, log) = Ticker();
        var outcome = simulation.Run(new RunLimits(SimTime.Parse("10ns"), SimTime.Zero));
        Assert.Equal(StopReason.EndReached, outcome.Reason);
        Assert.False(outcome.IsPartial);
        Assert.Equal(10, outcome.Events);
        Assert.Equal(SimTime.Parse("9ns"), log[^1].Time);
        Assert.Equal(SimTime.Parse("10ns"), outcome.SimulatedTime);
    }

    [Fact]
    public void An_empty_queue_ends_the_run_completely_at_the_end_time()
    {
        var simulation = new Simulation(1);
        var a = simulation.Add("a", new RecordingActor([]));
        simulation.Schedule(a.Ref, "only", SimTime.Parse("1ns"));
        var outcome = simulation.Run(new RunLimits(SimTime.Parse("1ms"), SimTime.Zero));
        Assert.Equal(StopReason.NoMoreEvents, outcome.Reason);
        Assert.False(outcome.IsPartial);
        Assert.Equal(SimTime.Parse("1ms"), outcome.SimulatedTime);
    }

    [Fact]
    public void An_event_budget_stops_early_and_marks_the_run_partial()
    {
        var (simulation, _) = Ticker();
        var outcome = simulation.Run(new RunLimits(SimTime.Parse("1ms"), SimTime.Zero, MaxEvents: 25));
        Assert.Equal(StopReason.EventBudget, outcome.Reason);
        Assert.True(outcome.IsPartial);
        Assert.Equal(25, outcome.Events);
        Assert.Equal(SimTime.Parse("24ns"), outcome.SimulatedTime);
    }

    [Fact]
    public void Cancellation_stops_between_batches_with_partial_results()
    {
        using var cancel = new CancellationTokenSource();
        var progress = new List<RunProgress>();
        // Cancel from inside the model after 5,000 ticks: deterministic, no wall-clock waits.
        var (simulation, log) = Ticker((self, _) => { if (self.Time == SimTime.Parse("5000ns")) cancel.Cancel(); });
        var outcome = simulation.Run(new RunLimits(SimTime.Parse("1s"), SimTime.Zero), cancel.Token, progress.Add);
        Assert.Equal(StopReason.Cancelled, outcome.Reason);
        Assert.True(outcome.IsPartial);
        Assert.Equal(LogicalProcess.BatchSize * 2, outcome.Events);
        Assert.Equal(outcome.Events, log.Count);
        Assert.NotEmpty(progress);
        Assert.Equal(outcome.Events, progress[^1].Events);
    }

    [Fact]
    public void Statistics_gathered_during_warmup_are_discarded()
    {
        var (simulation, _) = Ticker();
        var outcome = simulation.Run(new RunLimits(SimTime.Parse("100ns"), SimTime.Parse("40ns")));
        var ticks = (Counter)simulation.Metrics.Find("ticker/ticks")!;
        Assert.Equal(100, outcome.Events);
        Assert.Equal(60, ticks.Value);
    }

    [Fact]
    public void A_simulation_runs_once_and_limits_are_checked()
    {
        var (simulation, _) = Ticker();
        Assert.Throws<ArgumentException>(() => simulation.Run(new RunLimits(SimTime.Parse("1ns"), SimTime.Parse("1ns"))));
        simulation.Run(new RunLimits(SimTime.Parse("1ns"), SimTime.Zero));
        Assert.Throws<InvalidOperationException>(() => simulation.Run(new RunLimits(SimTime.Parse("2ns"), SimTime.Zero)));
    }
}
