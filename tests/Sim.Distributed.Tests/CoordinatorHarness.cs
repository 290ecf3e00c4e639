using Sim.Scenarios.Loading;
using Sim.Scenarios.Model;
using System.Collections.Concurrent;
using Akka.Actor;
using Sim.Distributed.Coordinator;
using Sim.Studies;

namespace Sim.Distributed.Tests;

/// <summary>A coordinator of a small study (2 points x 2 replications) with its records kept in memory, for protocol tests.</summary>
internal sealed class CoordinatorHarness
{
    public const string StudyText = """
        name: protocol-study
        seed: 7
        duration: 1ms
        queueing:
          sources:
            - { name: arrivals, interarrival: { exponential: 10us }, to: server }
          servers:
            - { name: server, service: { exponential: 8us }, to: sink }
          sinks:
            - { name: sink }
        replications: 2
        sweep:
          grid:
            - name: service
              path: queueing.servers.server.service.exponential
              values: [4us, 8us]
        """;

    public CoordinatorHarness(ActorSystem system, TimeSpan? dismissTimeout = null)
    {
        Study = StudyLoader.LoadText(StudyText, "protocol.yaml");
        Id = StudyRunner.Identity(Study);
        Setup = new CoordinatorSetup(Study, "protocol.yaml", Enumerable.Range(0, Study.RunCount).ToList(),
            (run, text) => Written[run] = text, _ => { }, Notices.Enqueue, dismissTimeout ?? TimeSpan.FromSeconds(3), WatchCluster: false);
        Coordinator = system.ActorOf(Props.Create(() => new StudyCoordinator(Setup)), "coordinator");
    }

    public Study Study { get; }
    public string Id { get; }
    public CoordinatorSetup Setup { get; }
    public IActorRef Coordinator { get; }
    public ConcurrentDictionary<int, string> Written { get; } = new();
    public ConcurrentQueue<string> Notices { get; } = new();

    /// <summary>Whether the study ends within <paramref name="time"/>.</summary>
    public bool HasEndedWithin(TimeSpan time) => Setup.Ended.Task.Wait(time);

    /// <summary>How the study ended; fails the test when it does not end within 10 s.</summary>
    public StudyEnded Ended()
    {
        Assert.True(Setup.Ended.Task.Wait(TimeSpan.FromSeconds(10)), "the coordinator did not end the study");
        return Setup.Ended.Task.Result;
    }
}
