using Sim.Core.Randomness;
using Sim.Core.Statistics;
using Sim.Core.Time;
using Sim.Devices.Common;

namespace Sim.Devices.Tests.Common;

/// <summary>
/// Each kind of <see cref="RequestArrivals"/> against a scripted set of request slots (virtio 1.2, 2.7.13: the
/// requests a driver then adds and kicks): what it takes at start, when slots are freed, when an arrival is due and at
/// the end of a run; and one instance serves one driver.
/// </summary>
public sealed class RequestArrivalsTests
{
    private sealed class Slots(int count) : IRequestSlots
    {
        private readonly int _count = count;

        public List<string> Calls { get; } = [];
        public List<SimTime> Taken { get; } = [];
        public SimTime Clock { get; set; }
        public int Free { get; set; } = count;
        public SimTime? Wake { get; private set; }
        public List<string> Findings { get; } = [];

        public SimTime Now => Clock;
        public SimTime Busy => Clock;
        public ActorRandom Random { get; } = new(1);
        public bool IsStopped => false;
        public bool HasFreeSlot => Free > 0;
        public int SlotCount => _count;
        public int InFlight => 0;
        public long Completed { get; set; }

        public void Take(SimTime since)
        {
            Free--;
            Taken.Add(since);
            Calls.Add("take");
        }

        public void Submit() => Calls.Add("submit");
        public void ReportIfStalledForGood() => Calls.Add("stalled?");
        public void SlotsFreed() => Calls.Add("freed");
        public void WakeAt(SimTime at) => Wake = at;
        public Counter NewCounter(string name) => new(name);
        public TimeWeightedGauge NewGauge(string name) => new(name);
        public void ReportFinding(string rule, string detail) => Findings.Add(rule);
    }

    private static (RequestArrivals Arrivals, Slots Slots) Attached(RequestArrivals arrivals, int slots)
    {
        var s = new Slots(slots);
        arrivals.Attach(s);
        arrivals.RegisterMetrics();
        return (arrivals, s);
    }

    [Fact]
    public void ClosedLoopFillsEverySlotAtStartAndAfterCompletions()
    {
        var (arrivals, slots) = Attached(RequestArrivals.ClosedLoop(), 3);

        arrivals.Begin();
        slots.Free = 2;
        arrivals.SlotsFreed();

        Assert.Equal(["take", "take", "take", "submit", "stalled?", "take", "take", "submit", "stalled?"], slots.Calls);
    }

    [Fact]
    public void OpenLoopTakesDueArrivalsAndKeepsTheRestInItsBacklog()
    {
        var gap = SimTime.FromMicroseconds(1);
        var (arrivals, slots) = Attached(RequestArrivals.OpenLoop(new ConstantDelay(gap)), 1);

        arrivals.Begin();
        Assert.Equal(gap, slots.Wake);
        slots.Clock = SimTime.FromMicroseconds(3);
        arrivals.ArrivalDue();

        Assert.Equal([gap], slots.Taken);   // one slot: the arrivals at 2 us and 3 us wait
        Assert.Equal(SimTime.FromMicroseconds(4), slots.Wake);
        slots.Free = 1;
        arrivals.SlotsFreed();
        Assert.Equal([gap, SimTime.FromMicroseconds(2)], slots.Taken);   // the oldest waiting arrival, its latency from its arrival
    }

    [Fact]
    public void OpenLoopReportsAnOfferedLoadThatOutgrewTheDevice()
    {
        var (arrivals, slots) = Attached(RequestArrivals.OpenLoop(new ConstantDelay(SimTime.FromNanoseconds(1))), 1);
        arrivals.Begin();
        slots.Clock = SimTime.FromMicroseconds(10);
        arrivals.ArrivalDue();

        arrivals.RunEnded();

        Assert.Equal(["offered-load-exceeds-capacity"], slots.Findings);
    }

    [Fact]
    public void OnDemandSubmitsWhatWasKeptAndTellsTheDriver()
    {
        var (arrivals, slots) = Attached(RequestArrivals.OnDemand(), 2);

        arrivals.Begin();
        arrivals.SlotsFreed();

        Assert.Equal(["submit", "freed"], slots.Calls);
    }

    [Fact]
    public void ReceiveOnlyTakesNothing()
    {
        var (arrivals, slots) = Attached(RequestArrivals.ReceiveOnly(), 1);

        arrivals.Begin();
        arrivals.SlotsFreed();
        arrivals.RunEnded();

        Assert.Empty(slots.Calls);
        Assert.Throws<InvalidOperationException>(arrivals.ArrivalDue);
    }

    [Fact]
    public void OneInstanceServesOneDriver()
    {
        var arrivals = RequestArrivals.ClosedLoop();
        arrivals.Attach(new Slots(1));

        Assert.Throws<InvalidOperationException>(() => arrivals.Attach(new Slots(1)));
    }
}
