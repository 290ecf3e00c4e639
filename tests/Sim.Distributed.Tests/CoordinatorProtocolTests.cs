using Akka.Actor;
using Akka.TestKit;
using Akka.TestKit.Xunit2;
using Sim.Distributed.Coordinator;
using Sim.Distributed.Protocol;

namespace Sim.Distributed.Tests;

/// <summary>
/// The coordinator's side of the study protocol, with test probes as workers and no cluster: work pulling, re-queueing
/// a lost worker's runs (terminated, or unreachable before it is removed), late duplicates, failures and shutdown.
/// </summary>
public sealed class CoordinatorProtocolTests : TestKit
{
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(300);

    private TestProbe Join(CoordinatorHarness harness, int slots = 1, ActorSystem? system = null)
    {
        var worker = system is null ? CreateTestProbe() : CreateTestProbe(system);
        harness.Coordinator.Tell(new WorkerReady(slots), worker.Ref);
        var offer = worker.ExpectMsg<StudyOffer>();
        Assert.Equal(harness.Id, offer.StudyId);
        Assert.Equal(CoordinatorHarness.StudyText, offer.Text);
        return worker;
    }

    private static RunAssignment Pull(CoordinatorHarness harness, TestProbe worker)
    {
        harness.Coordinator.Tell(new WorkRequest(harness.Id), worker.Ref);
        return worker.ExpectMsg<RunAssignment>();
    }

    private static void Complete(CoordinatorHarness harness, TestProbe worker, RunAssignment run, string record)
    {
        ulong seed = harness.Study.Run(run.Point, run.Replication).Seed;
        harness.Coordinator.Tell(new RunCompleted(harness.Id, run.Point, run.Replication, seed, record), worker.Ref);
    }

    [Fact]
    public void A_worker_gets_one_run_per_request_in_run_order_and_nothing_unasked()
    {
        var harness = new CoordinatorHarness(Sys);
        var worker = Join(harness);
        worker.ExpectNoMsg(Quiet);
        Assert.Equal(new RunAssignment(harness.Id, 0, 0), Pull(harness, worker));
        worker.ExpectNoMsg(Quiet);
        Assert.Equal(new RunAssignment(harness.Id, 0, 1), Pull(harness, worker));
    }

    [Fact]
    public void Every_run_recorded_completes_the_study_and_dismisses_the_workers()
    {
        var harness = new CoordinatorHarness(Sys);
        var worker = Join(harness);
        for (int i = 0; i < harness.Study.RunCount; i++) Complete(harness, worker, Pull(harness, worker), $"record {i}");
        Assert.True(worker.ExpectMsg<StopWorking>().Completed);
        Sys.Stop(worker.Ref);
        var ended = harness.Ended();
        Assert.Equal(new StudyEnded(true, 4, 0, null), ended);
        Assert.Equal(["record 0", "record 1", "record 2", "record 3"], harness.Written.OrderBy(w => w.Key).Select(w => w.Value));
    }

    [Fact]
    public void A_terminated_workers_run_goes_back_to_the_front_of_the_queue()
    {
        var harness = new CoordinatorHarness(Sys);
        var lost = Join(harness);
        var survivor = Join(harness);
        Assert.Equal(new RunAssignment(harness.Id, 0, 0), Pull(harness, lost));
        Assert.Equal(new RunAssignment(harness.Id, 0, 1), Pull(harness, survivor));
        Sys.Stop(lost.Ref);
        AwaitAssert(() => Assert.Contains(harness.Notices, n => n.Contains("left: re-queued 1 run(s) (p0000-r000)")));
        Assert.Equal(new RunAssignment(harness.Id, 0, 0), Pull(harness, survivor));
    }

    [Fact]
    public void An_unreachable_workers_runs_are_requeued_at_once_and_it_gets_no_more_work()
    {
        using var elsewhere = ActorSystem.Create("elsewhere"); // another address, as another node
        var harness = new CoordinatorHarness(Sys);
        var lost = Join(harness, system: elsewhere);
        var survivor = Join(harness);
        Assert.Equal(new RunAssignment(harness.Id, 0, 0), Pull(harness, lost));
        harness.Coordinator.Tell(new WorkRequest(harness.Id), lost.Ref); // an open request it will not get served
        lost.ExpectMsg<RunAssignment>();
        harness.Coordinator.Tell(new NodeUnreachable(lost.Ref.Path.Address));
        Assert.Equal(new RunAssignment(harness.Id, 0, 0), Pull(harness, survivor));
        Assert.Equal(new RunAssignment(harness.Id, 0, 1), Pull(harness, survivor));
        harness.Coordinator.Tell(new WorkRequest(harness.Id), lost.Ref);
        lost.ExpectNoMsg(Quiet);

        harness.Coordinator.Tell(new NodeReachable(lost.Ref.Path.Address)); // back: its open request is served
        Assert.Equal(new RunAssignment(harness.Id, 1, 0), lost.ExpectMsg<RunAssignment>());
    }

    [Fact]
    public void A_late_duplicate_equal_to_the_record_kept_is_dropped()
    {
        using var elsewhere = ActorSystem.Create("elsewhere");
        var harness = new CoordinatorHarness(Sys);
        var slow = Join(harness, system: elsewhere);
        var other = Join(harness);
        var run = Pull(harness, slow);
        harness.Coordinator.Tell(new NodeUnreachable(slow.Ref.Path.Address));
        Assert.Equal(run, Pull(harness, other));
        Complete(harness, other, run, "same");
        Complete(harness, slow, run, "same");
        AwaitAssert(() => Assert.Single(harness.Written));

        for (int i = 1; i < harness.Study.RunCount; i++) Complete(harness, other, Pull(harness, other), $"record {i}");
        other.ExpectMsg<StopWorking>();
        Sys.Stop(other.Ref);
        Assert.Equal(new StudyEnded(true, 4, 1, null), harness.Ended());
    }

    [Fact]
    public void A_late_duplicate_that_differs_is_an_internal_error_naming_the_run_and_seed()
    {
        using var elsewhere = ActorSystem.Create("elsewhere");
        var harness = new CoordinatorHarness(Sys);
        var slow = Join(harness, system: elsewhere);
        var other = Join(harness);
        var run = Pull(harness, slow);
        harness.Coordinator.Tell(new NodeUnreachable(slow.Ref.Path.Address));
        Pull(harness, other);
        Complete(harness, other, run, "one record");
        Complete(harness, slow, run, "another record");

        Assert.False(other.ExpectMsg<StopWorking>().Completed);
        Sys.Stop(other.Ref);
        var ended = harness.Ended();
        var failure = Assert.IsType<NonDeterministicRunException>(ended.Failure);
        ulong seed = harness.Study.Run(0, 0).Seed;
        Assert.Contains($"run p0000-r000 (point 0, replication 0, seed {seed})", failure.Message);
        Assert.Contains("not deterministic", failure.Message);
        Assert.Equal("one record", Assert.Single(harness.Written).Value);
    }

    [Fact]
    public void A_failed_run_stops_the_study_naming_the_run()
    {
        var harness = new CoordinatorHarness(Sys);
        var worker = Join(harness);
        var run = Pull(harness, worker);
        harness.Coordinator.Tell(new RunFailed(harness.Id, run.Point, run.Replication, "actor server failed at 3us"), worker.Ref);
        Assert.False(worker.ExpectMsg<StopWorking>().Completed);
        Sys.Stop(worker.Ref);
        var failure = harness.Ended().Failure;
        Assert.NotNull(failure);
        Assert.Contains("run p0000-r000 (point 0, replication 0", failure.Message);
        Assert.Contains("failed: actor server failed at 3us", failure.Message);
    }

    [Fact]
    public void Stopping_hands_out_nothing_more_dismisses_every_worker_and_ends_when_they_are_gone()
    {
        var harness = new CoordinatorHarness(Sys);
        var first = Join(harness);
        var second = Join(harness);
        Pull(harness, first);
        harness.Coordinator.Tell(StopStudy.Instance);
        Assert.False(first.ExpectMsg<StopWorking>().Completed);
        Assert.False(second.ExpectMsg<StopWorking>().Completed);
        harness.Coordinator.Tell(new WorkRequest(harness.Id), second.Ref);
        second.ExpectNoMsg(Quiet);
        Sys.Stop(first.Ref);
        Assert.False(harness.HasEndedWithin(Quiet));
        Sys.Stop(second.Ref);
        Assert.Equal(new StudyEnded(false, 0, 0, null), harness.Ended());
    }

    [Fact]
    public void Workers_that_do_not_leave_are_given_up_on_after_the_dismiss_timeout()
    {
        var harness = new CoordinatorHarness(Sys, dismissTimeout: TimeSpan.FromMilliseconds(500));
        var stubborn = Join(harness);
        harness.Coordinator.Tell(StopStudy.Instance);
        stubborn.ExpectMsg<StopWorking>();
        Assert.False(harness.Ended().Complete);
    }

    [Fact]
    public void Messages_of_another_study_are_ignored()
    {
        var harness = new CoordinatorHarness(Sys);
        var worker = Join(harness);
        harness.Coordinator.Tell(new WorkRequest("another study"), worker.Ref);
        worker.ExpectNoMsg(Quiet);
        Assert.Contains(harness.Notices, n => n.Contains("not this one"));
    }
}
