using Sim.Core.Actors;
using Sim.Core.Time;

namespace Sim.Core.Tests.Support;

/// <summary>One delivery seen by a test actor.</summary>
public sealed record Delivery(SimTime Time, string Target, string Sender, object Message);

/// <summary>An actor that records every delivery into a shared log and runs an optional reaction.</summary>
public class RecordingActor(List<Delivery> log, Action<RecordingActor, object, ActorRef>? react = null, Action<RecordingActor>? start = null) : Actor
{
    protected override void OnStart() => start?.Invoke(this);

    protected override void Receive(object message, ActorRef sender)
    {
        log.Add(new Delivery(Now, Id.Path, sender.Id.Path, message));
        react?.Invoke(this, message, sender);
    }

    public SimTime Time => Now;

    public void Tell(ActorRef target, object message, SimTime delay) => Send(target, message, delay);

    public void Timer(object key, object message, SimTime delay) => SetTimer(key, message, delay);

    public bool Cancel(object key) => CancelTimer(key);

    public bool Pending(object key) => IsTimerPending(key);

    public Sim.Core.Randomness.ActorRandom Rng => Random;

    public void Find(string rule, string detail) => ReportFinding(rule, detail, "test 1.0");

    public Sim.Core.Statistics.Counter Counter(string name) => NewCounter(name);
}
