using Sim.Core.Processors;
using Sim.Core.Time;

namespace Sim.Scenarios.Model;

/// <summary>
/// The host machine's cores, as the <c>host:</c> section declares them (<c>HostSectionReader</c>): the guests' driver
/// threads (their vCPUs) and their backends' threads run on these cores under a CFS-like scheduler
/// (<see cref="FairScheduler"/>), beside background load, so a busy host slows the guests.
/// </summary>
/// <param name="Cores">Host cores.</param>
/// <param name="Isolated">Cores taken out of the default affinity (<c>isolcpus=</c>).</param>
/// <param name="Scheduler">The scheduler's tunables; Linux's defaults for <paramref name="Cores"/> when not given.</param>
/// <param name="Threads">Placement of the world's threads, the first rule matching a thread's name wins.</param>
/// <param name="Load">Background load threads.</param>
/// <param name="ContextSwitch">The CPU time of a switch to another thread, from the cost profile (<c>host.contextSwitch</c>).</param>
public sealed record HostModel(int Cores, IReadOnlyList<int> Isolated, FairSchedulerSettings? Scheduler,
    IReadOnlyList<HostThreadRule> Threads, IReadOnlyList<HostLoadModel> Load, SimTime ContextSwitch = default)
{
    /// <summary>The tunables the run uses, with the profile's context switch.</summary>
    public FairSchedulerSettings Settings => (Scheduler ?? FairSchedulerSettings.Linux(Cores)) with { ContextSwitch = ContextSwitch };

    /// <summary>The first rule whose pattern matches <paramref name="thread"/>, or null (nice 0, any non-isolated core).</summary>
    public HostThreadRule? RuleFor(string thread) => Threads.FirstOrDefault(rule => rule.Matches(thread));
}

/// <summary>
/// Where threads whose name matches <paramref name="Match"/> run: a name such as <c>vm1/blk0/driver</c> (the guest's vCPU
/// running the driver) or <c>vm1/blk0/backend</c>, where <c>*</c> stands for any run of characters.
/// </summary>
/// <param name="Match">The pattern.</param>
/// <param name="Cores">The cores they may run on (affinity); null: every non-isolated core.</param>
/// <param name="Nice">Their nice level, -20 to 19.</param>
public sealed record HostThreadRule(string Match, IReadOnlyList<int>? Cores, int Nice)
{
    /// <summary>Whether <paramref name="thread"/> matches the pattern (<c>*</c>: any characters, '/' included).</summary>
    public bool Matches(string thread) => Glob(Match, 0, thread, 0);

    private static bool Glob(string pattern, int p, string text, int t)
    {
        while (p < pattern.Length)
        {
            if (pattern[p] == '*')
            {
                for (int skip = t; skip <= text.Length; skip++)
                    if (Glob(pattern, p + 1, text, skip)) return true;
                return false;
            }
            if (t >= text.Length || pattern[p] != text[t]) return false;
            p++;
            t++;
        }
        return t == text.Length;
    }
}

/// <summary>
/// <paramref name="Threads"/> background threads named <c>NAME0</c>, <c>NAME1</c>, ..., each busy a fraction
/// <paramref name="Busy"/> of the time in bursts of <paramref name="Burst"/> (<see cref="CpuLoad"/>).
/// </summary>
public sealed record HostLoadModel(string Name, int Threads, double Busy, SimTime Burst, IReadOnlyList<int>? Cores, int Nice);
