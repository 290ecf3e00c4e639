using Sim.Core.Time;

namespace Sim.Core.Processors;

/// <summary>
/// What one thread of a <see cref="FairScheduler"/> got: CPU time run, time spent runnable but waiting for a core (the
/// run-queue delay <c>/proc/PID/schedstat</c> reports), wake-ups, preemptions (by a waking thread or at the end of a
/// slice), migrations between cores, and context switches onto a core (each costing
/// <see cref="FairSchedulerSettings.ContextSwitch"/> of its <see cref="Ran"/> time).
/// </summary>
public readonly record struct CpuThreadStatistics(SimTime Ran, SimTime Waited, long Wakeups, long Preemptions, long Migrations, long Switches = 0);
