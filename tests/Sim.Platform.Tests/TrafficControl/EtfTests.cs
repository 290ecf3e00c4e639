using FsCheck;
using FsCheck.Fluent;
using Sim.Core.Time;
using Sim.Platform.Network.TrafficControl;
using Sim.Tests.Shared;
using static Sim.Platform.Tests.TrafficControl.QdiscDriver;

namespace Sim.Platform.Tests.TrafficControl;

/// <summary>etf (sch_etf.c, tc-etf(8)): launch-time order, delta, invalid and missed launch times, deadline mode.</summary>
public sealed class EtfTests
{
    [Fact]
    public void Frames_leave_in_launch_time_order_delta_before_their_launch_time()
    {
        var etf = new Etf(Us(50), deadlineMode: false, int.MaxValue);
        var outcome = Run(etf, [(Us(0), Frame(1, launch: Us(300))), (Us(10), Frame(2, launch: Us(200))), (Us(20), Frame(3, launch: Us(250)))], Us(1000));
        Assert.Equal([2, 3, 1], outcome.Released.Select(r => r.Output.Frame.Sequence));
        Assert.Equal([Us(150), Us(200), Us(250)], outcome.Released.Select(r => r.At));
        Assert.Empty(outcome.Dropped);
    }

    [Fact]
    public void A_launch_time_already_past_at_enqueue_or_without_one_is_invalid()
    {
        var etf = new Etf(Us(50), false, int.MaxValue);
        Assert.Equal(DropReason.TxtimeInvalid, etf.Enqueue(Frame(1, launch: Us(99)), Us(100)));
        Assert.Equal(DropReason.TxtimeInvalid, etf.Enqueue(Frame(2), Us(100)));
        Assert.Null(etf.Enqueue(Frame(3, launch: Us(100)), Us(100)));
        Assert.Equal(1, etf.Backlog);
    }

    [Fact]
    public void A_launch_time_before_the_last_one_dequeued_is_invalid()
    {
        var etf = new Etf(Us(50), false, int.MaxValue);
        etf.Enqueue(Frame(1, launch: Us(300)), Us(0));
        Assert.NotNull(etf.Dequeue(Us(250), 1, []));
        Assert.Equal(DropReason.TxtimeInvalid, etf.Enqueue(Frame(2, launch: Us(290)), Us(260)));
    }

    [Fact]
    public void A_frame_whose_launch_time_passed_while_its_queue_was_stopped_is_dropped_as_missed()
    {
        var etf = new Etf(Us(50), false, int.MaxValue);
        etf.Enqueue(Frame(1, launch: Us(100)), Us(0));
        etf.Enqueue(Frame(2, launch: Us(400)), Us(0));
        Assert.Null(etf.Dequeue(Us(60), 0, []));                 // queue stopped
        var dropped = new List<DroppedFrame>();
        Assert.Null(etf.Dequeue(Us(101), 1, dropped));           // frame 2 not yet due
        Assert.Equal([new DroppedFrame(Frame(1, launch: Us(100)), DropReason.TxtimeMissed)], dropped);
        Assert.Equal(Us(350), etf.NextEligible(Us(101)));
    }

    [Fact]
    public void In_deadline_mode_the_head_leaves_at_once_with_its_launch_time_set_to_now()
    {
        var etf = new Etf(Us(50), deadlineMode: true, int.MaxValue);
        etf.Enqueue(Frame(1, launch: Us(900)), Us(0));
        etf.Enqueue(Frame(2, launch: Us(500)), Us(0));
        var first = etf.Dequeue(Us(10), 1, []);
        Assert.Equal(2, first?.Frame.Sequence);
        Assert.Equal(Us(10), first?.Frame.LaunchTime);
        Assert.Null(etf.NextEligible(Us(10)));
    }

    [Fact]
    public void Etf_never_releases_before_launch_time_less_delta_and_releases_in_launch_time_order()
    {
        var property = Prop.ForAll(Arb.From(Gen.Choose(1, 60)), Arb.From(Gen.Choose(0, 100)), Arb.From(Gen.Choose(0, int.MaxValue)), (count, deltaUs, seed) =>
        {
            var random = new Random(seed);
            var delta = Us(deltaUs);
            var arrivals = Enumerable.Range(1, count).Select(i =>
            {
                var at = Us(random.Next(0, 2000));
                return (at, Frame(i, bytes: random.Next(64, 1515), launch: at + Us(random.Next(0, 500))));
            }).ToList();
            var outcome = Run(new Etf(delta, false, int.MaxValue), arrivals, Us(10_000));
            var early = outcome.Released.Where(r => r.At < r.Output.Frame.LaunchTime - delta).ToList();
            var launches = outcome.Released.Select(r => r.Output.Frame.LaunchTime).ToList();
            bool ordered = launches.Zip(launches.Skip(1)).All(p => p.First <= p.Second);
            bool conserved = outcome.Released.Count + outcome.Dropped.Count == count;
            return (early.Count == 0 && ordered && conserved).Label(
                $"{count} frames, delta {delta}: {early.Count} early, ordered {ordered}, {outcome.Released.Count} released + {outcome.Dropped.Count} dropped");
        });
        Check.One(PropertyRuns.Config(100), property);
    }
}
