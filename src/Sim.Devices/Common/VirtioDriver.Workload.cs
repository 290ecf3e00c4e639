using Sim.Core.Randomness;
using Sim.Core.Statistics;
using Sim.Core.Time;

namespace Sim.Devices.Common;

/// <summary>
/// The workload side of <see cref="VirtioDriver"/>: the request slots its <see cref="RequestArrivals"/> fill (virtio
/// 1.2, 2.7.13: each request prepared, then its chain added and the device kicked), offered to them as
/// <see cref="IRequestSlots"/>; and <see cref="SubmitOnDemand"/> for a driver fed by another actor.
/// </summary>
public abstract partial class VirtioDriver : IRequestSlots
{
    private void StartWorkload()
    {
        OnTransportReady();
        _arrivals.Begin();
    }

    /// <summary>At the end of a complete run: the arrivals report what they saw (open loop: an offered load the device could not sustain).</summary>
    protected override void OnRunEnd()
    {
        base.OnRunEnd();
        _arrivals.RunEnded();
    }

    private void Take(int slot, SimTime since)
    {
        _preparedAt[slot] = since;
        Prepare(slot);
        _pending.Enqueue(slot);
    }

    /// <summary>
    /// Takes a free slot for a request that arrived now (prepared at once, latency counted from now) and submits what can
    /// be; false when no slot is free (the caller keeps the request until a completion frees one). For a driver fed
    /// <see cref="RequestArrivals.OnDemand"/>.
    /// </summary>
    protected bool SubmitOnDemand()
    {
        if (_free.Count == 0 || _stopped) return false;
        Take(_free.Pop(), Now + Spent);
        Pump();
        return true;
    }

    /// <summary>
    /// As <see cref="SubmitOnDemand()"/> for <paramref name="count"/> requests that arrived together and go to the device
    /// together, in order, with one kick at most (virtio 1.2, 2.7.13: e.g. the messages of one I2C transfer, 5.16.6.2);
    /// false, taking none, when fewer than <paramref name="count"/> slots are free.
    /// </summary>
    protected bool SubmitGroupOnDemand(int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        if (_free.Count < count || _stopped) return false;
        for (int i = 0; i < count; i++) Take(_free.Pop(), Now + Spent);
        Pump();
        return true;
    }

    SimTime IRequestSlots.Now => Now;

    SimTime IRequestSlots.Busy => Now + Spent;

    ActorRandom IRequestSlots.Random => Random;

    bool IRequestSlots.IsStopped => _stopped;

    bool IRequestSlots.HasFreeSlot => _free.Count > 0;

    int IRequestSlots.SlotCount => _preparedAt.Length;

    int IRequestSlots.InFlight => _inFlight.Count;

    long IRequestSlots.Completed => _requests!.Value;

    void IRequestSlots.Take(SimTime since) => Take(_free.Pop(), since);

    void IRequestSlots.Submit() => Pump();

    void IRequestSlots.ReportIfStalledForGood()
    {
        if (_pending.Count == 0 || _inFlight.Count > 0 || _stopped || _resetting || _reportedIdleStall) return;
        _reportedIdleStall = true;
        ReportFinding("dma-map-stalled", $"{_pending.Count} requests wait for DMA mappings on '{Platform.Mechanism}' with none in flight: nothing will free them", null);
    }

    void IRequestSlots.SlotsFreed() => OnSlotsFreed();

    void IRequestSlots.WakeAt(SimTime at) => SetTimer(NextArrival.Instance, NextArrival.Instance, at - Now);

    Counter IRequestSlots.NewCounter(string name) => NewCounter(name);

    TimeWeightedGauge IRequestSlots.NewGauge(string name) => NewGauge(name);

    void IRequestSlots.ReportFinding(string rule, string detail) => ReportFinding(rule, detail, null);
}
