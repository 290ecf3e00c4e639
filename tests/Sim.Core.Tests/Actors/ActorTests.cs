using Sim.Core.Actors;
using Sim.Core.Running;
using Sim.Core.Tests.Support;
using Sim.Core.Time;

namespace Sim.Core.Tests.Actors;

public sealed class ActorTests
{
    private static readonly RunLimits TenMicroseconds = new(SimTime.Parse("10us"), SimTime.Zero);

    [Fact]
    public void A_message_arrives_after_its_delay_with_its_sender()
    {
        var log = new List<Delivery>();
        var simulation = new Simulation(1);
        var receiver = simulation.Add("receiver", new RecordingActor(log));
        simulation.Add("sender", new RecordingActor(log, start: self => self.Tell(receiver.Ref, "hello", SimTime.Parse("250ns"))));
        simulation.Run(TenMicroseconds);
        var delivery = Assert.Single(log);
        Assert.Equal(new Delivery(SimTime.Parse("250ns"), "receiver", "sender", "hello"), delivery);
    }

    [Fact]
    public void Set_up_events_come_from_the_kernel_in_the_order_they_were_scheduled()
    {
        var log = new List<Delivery>();
        var simulation = new Simulation(1);
        var a = simulation.Add("a", new RecordingActor(log));
        simulation.Schedule(a.Ref, "second", SimTime.Parse("1ns"));
        simulation.Schedule(a.Ref, "first", SimTime.Zero);
        simulation.Schedule(a.Ref, "third", SimTime.Parse("1ns"));
        simulation.Run(TenMicroseconds);
        Assert.Equal(["first", "second", "third"], log.Select(d => (string)d.Message));
        Assert.All(log, d => Assert.Equal(ActorId.Kernel.Path, d.Sender));
    }

    [Fact]
    public void A_timer_fires_once_and_setting_it_again_replaces_it()
    {
        var log = new List<Delivery>();
        var simulation = new Simulation(1);
        simulation.Add("a", new RecordingActor(log, start: self =>
        {
            self.Timer("t", "early", SimTime.Parse("1us"));
            self.Timer("t", "late", SimTime.Parse("2us"));
            self.Timer("other", "other", SimTime.Parse("3us"));
        }));
        simulation.Run(TenMicroseconds);
        Assert.Equal([("late", 2_000_000L), ("other", 3_000_000L)], log.Select(d => ((string)d.Message, d.Time.Picoseconds)));
    }

    [Fact]
    public void A_cancelled_timer_never_fires_and_is_not_counted_as_an_event()
    {
        var log = new List<Delivery>();
        var simulation = new Simulation(1);
        RecordingActor? actor = null;
        actor = simulation.Add("a", new RecordingActor(log,
            react: (self, message, _) =>
            {
                if ((string)message == "cancel") Assert.True(self.Cancel("t"));
                Assert.False(self.Pending("t"));
            },
            start: self =>
            {
                self.Timer("t", "timeout", SimTime.Parse("2us"));
                self.Tell(self.Ref, "cancel", SimTime.Parse("1us"));
            }));
        var outcome = simulation.Run(TenMicroseconds);
        Assert.Equal(["cancel"], log.Select(d => (string)d.Message));
        Assert.Equal(1, outcome.Events);
        Assert.False(actor.Cancel("t"));
    }

    [Fact]
    public void Negative_delays_and_sends_to_nobody_are_rejected_as_model_bugs()
    {
        var simulation = new Simulation(1);
        simulation.Add("a", new RecordingActor([], start: self => self.Tell(self.Ref, "x", new SimTime(-1))));
        var ex = Assert.Throws<ActorFailedException>(() => simulation.Run(TenMicroseconds));
        Assert.Equal(ActorFailedException.Starting, ex.MessageType);
        Assert.IsType<ArgumentOutOfRangeException>(ex.InnerException);
        Assert.Contains("negative delay", ex.Message);
    }

    [Fact]
    public void A_handler_that_throws_stops_the_run_naming_actor_time_and_message()
    {
        var simulation = new Simulation(1);
        simulation.Add("vm1/driver", new RecordingActor([], react: (_, _, _) => throw new InvalidOperationException("boom"),
            start: self => self.Tell(self.Ref, "tick", SimTime.Parse("5ns"))));
        var ex = Assert.Throws<ActorFailedException>(() => simulation.Run(TenMicroseconds));
        Assert.Equal("vm1/driver", ex.Actor);
        Assert.Equal(SimTime.Parse("5ns"), ex.Time);
        Assert.Contains("String", ex.Message);
        Assert.Contains("boom", ex.Message);
    }

    [Fact]
    public void Paths_are_validated_and_unique()
    {
        var simulation = new Simulation(1);
        simulation.Add("vm1/net0", new RecordingActor([]));
        Assert.Contains("already exists", Assert.Throws<ArgumentException>(() => simulation.Add("vm1/net0", new RecordingActor([]))).Message);
        Assert.Contains("empty segment", Assert.Throws<ArgumentException>(() => simulation.Add("vm1//x", new RecordingActor([]))).Message);
        Assert.Contains("not allowed", Assert.Throws<ArgumentException>(() => simulation.Add("vm 1", new RecordingActor([]))).Message);
    }

    [Fact]
    public void Random_streams_depend_on_seed_and_path_only()
    {
        static ulong FirstDraw(ulong seed, string path, bool withOthers)
        {
            var simulation = new Simulation(seed);
            if (withOthers) simulation.Add("zzz", new RecordingActor([]));
            var actor = simulation.Add(path, new RecordingActor([]));
            if (withOthers) simulation.Add("aaa", new RecordingActor([]));
            return actor.Rng.NextUInt64();
        }
        Assert.Equal(FirstDraw(5, "vm1/cpu0", false), FirstDraw(5, "vm1/cpu0", true));
        Assert.NotEqual(FirstDraw(5, "vm1/cpu0", false), FirstDraw(5, "vm1/cpu1", false));
        Assert.NotEqual(FirstDraw(5, "vm1/cpu0", false), FirstDraw(6, "vm1/cpu0", false));
    }

    [Fact]
    public void Findings_are_results_in_time_then_actor_order()
    {
        var simulation = new Simulation(1);
        simulation.Add("b", new RecordingActor([], react: (self, _, _) => self.Find("rule-b", "second at 1ns"),
            start: self => self.Tell(self.Ref, "go", SimTime.Parse("1ns"))));
        simulation.Add("a", new RecordingActor([], react: (self, _, _) => { self.Find("rule-a", "x"); self.Find("rule-a2", "y"); },
            start: self => self.Tell(self.Ref, "go", SimTime.Parse("1ns"))));
        simulation.Add("c", new RecordingActor([], react: (self, _, _) => self.Find("rule-c", "first"),
            start: self => self.Tell(self.Ref, "go", SimTime.Zero)));
        simulation.Run(TenMicroseconds);
        Assert.Equal(["rule-c", "rule-a", "rule-a2", "rule-b"], simulation.Findings.Select(f => f.Rule));
        Assert.Equal("test 1.0", simulation.Findings[0].Reference);
    }
}
