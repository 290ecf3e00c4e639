using Sim.Core.Time;

namespace Sim.Core.Running;

/// <summary>
/// Runs a simulation whose actors are split into independent logical processes (<see cref="Simulation.Partition"/>):
/// time is cut into windows of <see cref="Simulation.PartitionWindow"/>, and in each window every process in turn
/// delivers its events before the window's end. Processes never send to each other, so each delivers its actors' events
/// in exactly the order one process would (the order key is complete, see <c>EventOrder</c>), and the results are the
/// same; what changes is locality: a process's state is touched for a window's worth of events at a time instead of
/// once per event interleaved with every other process (issue 21: per-event cost rose 3x from 10 to 1,000 VMs).
/// The warm-up and the end are window boundaries; cancellation and progress are looked at between windows. An event
/// budget counts events in one global order, which independent processes do not have: it is refused here.
/// </summary>
internal sealed class PartitionedRun(Simulation simulation, IReadOnlyList<LogicalProcess> processes)
{
    /// <summary>Starts the actors, runs to the warm-up (then resets every metric) and to the end, and ends the actors.</summary>
    public RunOutcome Run(RunLimits limits, CancellationToken cancel, Action<RunProgress>? progress)
    {
        if (limits.MaxEvents is not null)
            throw new InvalidOperationException("an event budget counts events in one order: run a partitioned simulation without one");
        foreach (var actor in simulation.Actors) simulation.InPhase(actor, ActorFailedException.Starting, actor.Start);
        long reached = 0;
        StopReason reason = StopReason.EndReached;
        if (limits.Warmup > SimTime.Zero)
        {
            reason = RunTo(limits.Warmup.Picoseconds, limits.End, cancel, progress, ref reached);
            if (reason is StopReason.EndReached)
            {
                AdvanceAll(limits.Warmup.Picoseconds);
                simulation.Metrics.ResetAll(limits.Warmup);
            }
        }
        if (reason is StopReason.EndReached)
        {
            reason = RunTo(limits.End.Picoseconds, limits.End, cancel, progress, ref reached);
            if (reason is StopReason.EndReached)
            {
                if (processes.All(p => p.Pending == 0)) reason = StopReason.NoMoreEvents;
                AdvanceAll(limits.End.Picoseconds);
                foreach (var actor in simulation.Actors) simulation.InPhase(actor, ActorFailedException.Ending, actor.End);
            }
        }
        // Every process has delivered everything before `reached`; a cancelled run stops there.
        if (reason is StopReason.Cancelled) AdvanceAll(reached);
        simulation.Enter(processes[0]);
        progress?.Invoke(new RunProgress(simulation.Now, limits.End, simulation.EventsDelivered));
        return new RunOutcome(reason, simulation.Now, simulation.EventsDelivered);
    }

    /// <summary>Delivers, window by window, every event before <paramref name="end"/>; <paramref name="reached"/> is the last window's end.</summary>
    private StopReason RunTo(long end, SimTime runEnd, CancellationToken cancel, Action<RunProgress>? progress, ref long reached)
    {
        long window = Math.Max(1, simulation.PartitionWindow.Picoseconds);
        while (reached < end)
        {
            if (cancel.IsCancellationRequested) return StopReason.Cancelled;
            // Skip stretches where no process has anything to do.
            long start = Math.Min(end, NextEventTime());
            long stop = start >= end ? end : Math.Min(end, Math.Max(reached, start) + window);
            foreach (var process in processes)
            {
                if (process.Pending == 0) continue;
                simulation.Enter(process);
                if (process.RunUntil(stop, long.MaxValue, cancel, null) is StopReason.Cancelled) return StopReason.Cancelled;
            }
            reached = stop;
            progress?.Invoke(new RunProgress(new SimTime(stop), runEnd, simulation.EventsDelivered));
        }
        return StopReason.EndReached;
    }

    private long NextEventTime()
    {
        long next = long.MaxValue;
        foreach (var process in processes)
            if (process.TryPeekTime(out long time) && time < next) next = time;
        return next;
    }

    private void AdvanceAll(long time)
    {
        foreach (var process in processes) process.AdvanceTo(time);
    }
}
