using Sim.Core.Actors;
using Sim.Core.Running;
using Sim.Core.Statistics;
using Sim.Core.Tests.Support;
using Sim.Core.Time;

namespace Sim.Core.Tests.Actors;

public sealed class BusyResourceTests
{
    /// <summary>Serves each message for 10 ns, then forwards it.</summary>
    private sealed class Cpu(ActorRef output) : BusyResource
    {
        protected override void Serve(object message, ActorRef sender)
        {
            Spend(SimTime.Parse("4ns"));
            Send(output, $"{message}-half");
            Spend(SimTime.Parse("6ns"));
            Send(output, $"{message}-done");
        }
    }

    [Fact]
    public void Messages_queue_behind_each_other_and_sends_leave_when_the_work_before_them_is_done()
    {
        var log = new List<Delivery>();
        var simulation = new Simulation(1);
        var sink = simulation.Add("sink", new RecordingActor(log));
        var cpu = simulation.Add("cpu", new Cpu(sink.Ref));
        simulation.Schedule(cpu.Ref, "a", SimTime.Zero);
        simulation.Schedule(cpu.Ref, "b", SimTime.Zero);
        simulation.Schedule(cpu.Ref, "c", SimTime.Parse("5ns"));
        simulation.Run(new RunLimits(SimTime.Parse("1us"), SimTime.Zero));

        Assert.Equal(
            [("a-half", 4L), ("a-done", 10L), ("b-half", 14L), ("b-done", 20L), ("c-half", 24L), ("c-done", 30L)],
            log.Select(d => ((string)d.Message, d.Time.Picoseconds / 1000)));

        var wait = (LatencyHistogram)simulation.Metrics.Find("cpu/wait")!;
        var sojourn = (LatencyHistogram)simulation.Metrics.Find("cpu/sojourn")!;
        var summary = wait.Summarize(simulation.Now).Values.ToDictionary(v => v.Key, v => v.Value);
        Assert.Equal(3, summary["count"]);
        Assert.Equal((0 + 10e-9 + 15e-9) / 3, summary["mean"], 15);
        Assert.Equal(25e-9, sojourn.Summarize(simulation.Now).Values.Single(v => v.Key == "max").Value, 15);
        var utilization = (TimeWeightedGauge)simulation.Metrics.Find("cpu/utilization")!;
        Assert.Equal(0.03, utilization.Summarize(simulation.Now).Values.Single(v => v.Key == "mean").Value, 12);
    }

    /// <summary>Serves each message for 10 ns and records it; strings starting with "frame" may be dropped, two at most waiting.</summary>
    private sealed class Nic(List<string> served, List<string> dropped) : BusyResource
    {
        public Nic() : this([], []) { }

        public List<string> Served => served;
        public List<string> Dropped => dropped;

        public void Limit(int limit) => DroppableLimit = limit;

        protected override bool IsDroppable(object message) => message is string s && s.StartsWith("frame", StringComparison.Ordinal);

        protected override void OnOverflow(object message) => dropped.Add((string)message);

        protected override void Serve(object message, ActorRef sender)
        {
            Spend(SimTime.Parse("10ns"));
            served.Add((string)message);
        }
    }

    [Fact]
    public void Droppable_messages_beyond_the_limit_waiting_are_dropped_and_the_others_never_are()
    {
        var simulation = new Simulation(1);
        var nic = simulation.Add("nic", new Nic());
        nic.Limit(2);
        // frame0 is served at once; frame1 and frame2 wait; frame3 finds two waiting and is dropped; the kick always queues.
        foreach (var (message, at) in new[] { ("frame0", "0ns"), ("frame1", "1ns"), ("frame2", "2ns"), ("frame3", "3ns"), ("kick", "4ns"), ("frame4", "5ns") })
            simulation.Schedule(nic.Ref, message, SimTime.Parse(at));
        // After frame1 starts (10 ns) one frame waits: frame5 at 12 ns fits again.
        simulation.Schedule(nic.Ref, "frame5", SimTime.Parse("12ns"));
        simulation.Run(new RunLimits(SimTime.Parse("1us"), SimTime.Zero));

        Assert.Equal(["frame0", "frame1", "frame2", "kick", "frame5"], nic.Served);
        Assert.Equal(["frame3", "frame4"], nic.Dropped);
    }
}
