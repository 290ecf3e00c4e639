using Sim.Scenarios.Model;

namespace Sim.Scenarios.Planning;

/// <summary>
/// The threads of a transport world that run on the host's cores when the scenario has a <c>host:</c> section, in the
/// order the world builds them: each virtio device's driver (<c>guest/device/driver</c>, the guest vCPU that runs it)
/// and backend (<c>guest/device/backend</c>), for echo, blk, virtio-net and virtio-input devices; then each net device's host-path
/// threads with the stages that run on them (<see cref="NetHostPathPlan"/>: <c>guest/device/host2/THREAD</c>, one per
/// receive queue for a replicated chain), but a stage whose thread is <c>backend</c> or <c>driver</c> runs on its
/// device's own backend or driver thread. The
/// names are the actors' paths (a stage thread's: its device's host2 and its name), so the reader can check a placement
/// rule against them and the world builder can find the actors.
/// </summary>
public static class HostThreadNames
{
    /// <summary>One host thread: its name, the actors (paths) whose work runs on it, and whether it busy-polls (a poll-mode stage runs on it).</summary>
    public sealed record HostThread(string Name, IReadOnlyList<string> Actors, bool Polls = false);

    /// <summary>Every thread of <paramref name="transport"/>'s guests.</summary>
    public static IReadOnlyList<HostThread> Threads(TransportModel transport)
    {
        var threads = new List<HostThread>();
        foreach (var guest in transport.Guests)
        {
            foreach (var (device, _) in guest.VirtioDevices)
            {
                threads.Add(Own($"{guest.Name}/{device}/driver"));
                threads.Add(Own($"{guest.Name}/{device}/backend"));
            }
            foreach (var net in guest.Net)
            {
                if (net.Host is not { } host) continue;
                var planned = NetHostPathPlan.Stages($"{guest.Name}/{net.Name}", host);
                foreach (string thread in planned.Select(p => p.Thread).OfType<string>().Distinct(StringComparer.Ordinal))
                {
                    var on = planned.Where(p => p.Thread == thread).ToArray();
                    var actors = on.Select(p => p.Actor);
                    bool polls = on.Any(p => p.Stage.Kind.Polls);
                    int own = threads.FindIndex(t => t.Name == thread);
                    if (own >= 0) threads[own] = threads[own] with { Actors = [.. threads[own].Actors, .. actors], Polls = threads[own].Polls || polls };
                    else threads.Add(new HostThread(thread, actors.ToArray(), polls));
                }
            }
        }
        return threads;
    }

    /// <summary>Every thread name of <paramref name="transport"/>'s guests.</summary>
    public static IReadOnlyList<string> Of(TransportModel transport) => Threads(transport).Select(t => t.Name).ToArray();

    private static HostThread Own(string actor) => new(actor, [actor]);
}
