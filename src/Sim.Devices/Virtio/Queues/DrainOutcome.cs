namespace Sim.Devices.Virtio.Queues;

/// <summary>How <see cref="DeviceQueueLoops.DrainAvailable{THandler}"/> ended (virtio 1.2, 2.7.13).</summary>
public enum DrainOutcome
{
    /// <summary>Nothing is available and notifications are enabled again (or were never suppressed): the next kick wakes the device.</summary>
    Empty,
    /// <summary>The queue broke a rule (or was broken): it pops nothing more until reset.</summary>
    Broken,
    /// <summary>The handler stopped the drain (<see cref="IAvailableChainHandler.Serve"/> false or <see cref="IAvailableChainHandler.StopBeforeWaiting"/>).</summary>
    Stopped,
    /// <summary>The budget of chains was served; notifications are still suppressed and chains may be waiting.</summary>
    BudgetSpent,
}
