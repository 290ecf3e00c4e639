using Sim.Core.Actors;
using Sim.Core.Running;
using Sim.Core.Tests.Support;
using Sim.Core.Time;

namespace Sim.Core.Tests.Actors;

/// <summary>
/// An immediate message (<c>IsImmediate</c>) is acted on at its arrival, while the resource is busy and ahead of the
/// messages already waiting; its work delays only what it sends, and no turn is started or counted for it.
/// </summary>
public sealed class ImmediateMessageTests
{
    /// <summary>Serves each string for 10 ns then forwards it; "stop" is immediate: it takes 1 ns and answers at once.</summary>
    private sealed class Worker(ActorRef output) : BusyResource
    {
        public List<string> Order { get; } = new();

        protected override bool IsImmediate(object message) => message is "stop";

        protected override void ServeImmediately(object message, ActorRef sender)
        {
            Order.Add($"{message}@{Now.Picoseconds / 1000}");
            Spend(SimTime.Parse("1ns"));
            Send(output, "stopped");
        }

        protected override void Serve(object message, ActorRef sender)
        {
            Order.Add($"{message}@{Now.Picoseconds / 1000}");
            Spend(SimTime.Parse("10ns"));
            Send(output, $"{message}-done");
        }
    }

    [Fact]
    public void An_immediate_message_is_served_on_arrival_while_busy_and_ahead_of_the_waiting_ones()
    {
        var log = new List<Delivery>();
        var simulation = new Simulation(1);
        var sink = simulation.Add("sink", new RecordingActor(log));
        var worker = simulation.Add("worker", new Worker(sink.Ref));
        simulation.Schedule(worker.Ref, "a", SimTime.Zero);
        simulation.Schedule(worker.Ref, "b", SimTime.Parse("2ns"));
        simulation.Schedule(worker.Ref, "stop", SimTime.Parse("4ns"));
        simulation.Run(new RunLimits(SimTime.Parse("1us"), SimTime.Zero));

        Assert.Equal(["a@0", "stop@4", "b@10"], worker.Order);
        Assert.Equal(
            [("stopped", 5L), ("a-done", 10L), ("b-done", 20L)],
            log.Select(d => ((string)d.Message, d.Time.Picoseconds / 1000)));
        Assert.Equal(2, ((Sim.Core.Statistics.Counter)simulation.Metrics.Find("worker/served")!).Value);
    }
}
