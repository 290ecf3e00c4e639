using Sim.Core.Actors;
using Sim.Core.Processors;
using Sim.Core.Running;
using Sim.Core.Statistics;
using Sim.Core.Time;

namespace Sim.Core.Tests.Processors;

/// <summary>
/// <see cref="CpuCores"/> as an actor: work asked for by other actors is answered when the scheduler has run it, so a
/// busy machine delays the answer by the wait for a core, and the metrics account every picosecond run.
/// </summary>
public sealed class CpuCoresTests
{
    /// <summary>Asks for the work it is sent (thread, work) and records when each answer came.</summary>
    private sealed class Client(ActorRef cores, List<(long Token, SimTime AskedAt, SimTime At)> answers) : Actor
    {
        private long _token;

        protected override void Receive(object message, ActorRef sender)
        {
            switch (message)
            {
                case (int thread, SimTime work):
                    Send(cores, new CpuWork(thread, work, ++_token));
                    break;
                case CpuWorkDone done:
                    answers.Add((done.Token, done.AskedAt, Now));
                    break;
                default:
                    Unhandled(message);
                    break;
            }
        }
    }

    private static readonly FairSchedulerSettings OneCpu = FairSchedulerSettings.Linux(1);

    [Fact]
    public void Work_on_an_idle_core_is_answered_after_exactly_its_work()
    {
        var (simulation, answers) = World(1, [(0, 10, 5)], "worker");
        Assert.Equal([(1L, Us(10), Us(15))], answers);
        Assert.Equal(Us(5).TotalSeconds / simulation.Now.TotalSeconds, Mean(simulation, "cpus/worker/running"), 12);
        Assert.Equal(Us(5).TotalSeconds / simulation.Now.TotalSeconds, Mean(simulation, "cpus/core0/utilization"), 12);
    }

    [Fact]
    public void A_hog_on_the_only_core_delays_a_worker_until_its_shrunk_slice_ends()
    {
        // The hog starts at 0 with a 6 ms slice; the worker joins at 1 ms, no further behind than the wakeup granularity
        // (both are placed at min_vruntime on their first wake-up), so it waits for the hog's slice, now 3 ms, to end.
        var (simulation, answers) = World(1, [(0, 0, 100_000), (1, 1_000, 50)], "hog", "worker");
        var worker = Assert.Single(answers, a => a.Token == 2);
        Assert.Equal(Us(3_050), worker.At);
        var wait = (LatencyHistogram)simulation.Metrics.Find("cpus/worker/coreWait")!;
        Assert.Equal(2e-3, wait.Summarize(simulation.Now).Values.Single(v => v.Key == "max").Value, 5);
    }

    [Fact]
    public void With_a_second_core_the_same_worker_does_not_wait()
    {
        var (_, answers) = World(2, [(0, 0, 100_000), (1, 1_000, 50)], "hog", "worker");
        Assert.Equal(Us(1_050), Assert.Single(answers, a => a.Token == 2).At);
    }

    [Fact]
    public void Pieces_asked_for_one_thread_are_answered_in_order()
    {
        var (_, answers) = World(1, [(0, 0, 10), (0, 2, 10), (0, 4, 10)], "worker");
        Assert.Equal([1L, 2L, 3L], answers.Select(a => a.Token));
        Assert.Equal([Us(10), Us(20), Us(30)], answers.Select(a => a.At));
    }

    [Fact]
    public void Work_for_a_thread_the_machine_does_not_have_is_a_model_bug()
    {
        var simulation = new Simulation(1);
        var cores = simulation.Add("cpus", new CpuCores(1, OneCpu, [new CpuThreadSpec("worker")]));
        var client = simulation.Add("client", new Client(cores.Ref, []));
        simulation.Schedule(client.Ref, (3, Us(1)), SimTime.Zero);
        var failure = Assert.ThrowsAny<Exception>(() => simulation.Run(new RunLimits(SimTime.FromMilliseconds(1), SimTime.Zero)));
        Assert.Contains("thread 3", failure.ToString());
    }

    [Fact]
    public void A_load_with_a_core_of_its_own_is_busy_the_fraction_it_was_given()
    {
        var simulation = new Simulation(7);
        var cpus = simulation.Add("cpus", new CpuCores(1, OneCpu, [new CpuThreadSpec("stress")]));
        simulation.Add("load", new CpuLoad(cpus.Ref, 0, Us(1_000), 0.6));
        simulation.Run(new RunLimits(SimTime.FromSeconds(2), SimTime.Zero));
        // About 1,200 bursts with exponential sleeps of mean 0.67 ms between them: the share is 0.6 within sampling noise.
        Assert.InRange(Mean(simulation, "cpus/core0/utilization"), 0.57, 0.63);
        long bursts = ((Counter)simulation.Metrics.Find("load/bursts")!).Value;
        Assert.InRange(bursts, 1_100, 1_300);
    }

    [Fact]
    public void Two_loads_that_never_sleep_on_one_core_share_it_equally()
    {
        var simulation = new Simulation(7);
        var cpus = simulation.Add("cpus", new CpuCores(1, OneCpu, [new CpuThreadSpec("a"), new CpuThreadSpec("b")]));
        simulation.Add("loadA", new CpuLoad(cpus.Ref, 0, Us(1_000), 1.0));
        simulation.Add("loadB", new CpuLoad(cpus.Ref, 1, Us(1_000), 1.0));
        simulation.Run(new RunLimits(SimTime.FromSeconds(1), SimTime.Zero));
        Assert.Equal(1.0, Mean(simulation, "cpus/core0/utilization"), 9);
        Assert.Equal(0.5, Mean(simulation, "cpus/a/running"), 2);
        Assert.Equal(0.5, Mean(simulation, "cpus/b/running"), 2);
    }

    private static (Simulation Simulation, List<(long Token, SimTime AskedAt, SimTime At)> Answers) World(
        int cores, (int Thread, long AtUs, long WorkUs)[] asks, params string[] threads)
    {
        var answers = new List<(long, SimTime, SimTime)>();
        var simulation = new Simulation(1);
        var cpus = simulation.Add("cpus", new CpuCores(cores, OneCpu, threads.Select(t => new CpuThreadSpec(t)).ToArray()));
        var client = simulation.Add("client", new Client(cpus.Ref, answers));
        foreach (var (thread, at, work) in asks) simulation.Schedule(client.Ref, (thread, Us(work)), Us(at));
        simulation.Run(new RunLimits(SimTime.FromSeconds(1), SimTime.Zero));
        return (simulation, answers);
    }

    private static double Mean(Simulation simulation, string path) =>
        ((TimeWeightedGauge)simulation.Metrics.Find(path)!).Summarize(simulation.Now).Values.Single(v => v.Key == "mean").Value;

    private static SimTime Us(double value) => SimTime.FromMicroseconds(value);
}
