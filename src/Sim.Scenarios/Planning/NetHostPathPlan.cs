using Sim.Scenarios.Model;

namespace Sim.Scenarios.Planning;

/// <summary>
/// Where a net device's host path puts its actors and threads, known from the scenario alone so that the host section's
/// rules and the world builder agree: each stage at <c>guest/device/host2/KIND</c> on thread <c>guest/device/host2/THREAD</c>
/// (or the device's own <c>backend</c>/<c>driver</c> thread). A first stage with several receive queues (<c>queues</c>,
/// RSS) is replicated per queue, with the stages after it that share its thread (the softirq context of that queue's
/// CPU): <c>KINDq</c> on thread <c>THREADq</c>, behind a steering actor at <c>guest/device/host2/rss</c>; the stages
/// after them are shared.
/// </summary>
public static class NetHostPathPlan
{
    /// <summary>One stage actor: its path, its stage, its thread (null: none), its queue and the actor it hands frames to (null: the receiver).</summary>
    public sealed record PlannedStage(string Actor, NetHostStageModel Stage, string? Thread, int Queue, string? Next);

    /// <summary>The actors of <paramref name="host"/> in front of the device at <paramref name="device"/> (<c>guest/device</c>), in build order.</summary>
    public static IReadOnlyList<PlannedStage> Stages(string device, NetHostPathModel host)
    {
        var stages = host.Stages;
        int queues = stages[0].Queues;
        int replicated = 1;
        if (queues > 1 && stages[0].Thread is { } first)
            while (replicated < stages.Count && stages[replicated].Thread == first) replicated++;
        string Shared(int i) => $"{device}/host2/{stages[i].Kind.Name}";
        var planned = new List<PlannedStage>();
        for (int q = 0; q < (queues > 1 ? queues : 1); q++)
            for (int i = 0; i < replicated; i++)
            {
                string suffix = queues > 1 ? q.ToString(System.Globalization.CultureInfo.InvariantCulture) : "";
                string? next = i + 1 < replicated ? $"{device}/host2/{stages[i + 1].Kind.Name}{suffix}" : replicated < stages.Count ? Shared(replicated) : null;
                planned.Add(new PlannedStage($"{device}/host2/{stages[i].Kind.Name}{suffix}", stages[i], ThreadOf(device, stages[i].Thread, suffix), q, next));
            }
        for (int i = replicated; i < stages.Count; i++)
            planned.Add(new PlannedStage(Shared(i), stages[i], ThreadOf(device, stages[i].Thread, ""), 0, i + 1 < stages.Count ? Shared(i + 1) : null));
        return planned;
    }

    /// <summary>The actor host1's link sends to: the steering actor with several queues, else the first stage.</summary>
    public static string Entry(string device, NetHostPathModel host) =>
        host.Stages[0].Queues > 1 ? SteeringPath(device) : Stages(device, host)[0].Actor;

    /// <summary>The steering actor's path.</summary>
    public static string SteeringPath(string device) => $"{device}/host2/rss";

    private static string? ThreadOf(string device, string? thread, string suffix) => thread switch
    {
        null => null,
        _ when NetHostStageModel.DeviceThreads.Contains(thread) => $"{device}/{thread}",
        _ => $"{device}/host2/{thread}{suffix}",
    };
}
