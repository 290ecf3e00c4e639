using Sim.Scenarios.Model;

namespace Sim.Scenarios.Planning;

/// <summary>
/// The threads of a transport world that run on the host's cores when the scenario has a <c>host:</c> section, in the
/// order the world builds them: each virtio device's driver (<c>guest/device/driver</c>, the guest vCPU that runs it)
/// and backend (<c>guest/device/backend</c>), for echo, blk and virtio-net devices; then each net device's host-path
/// threads (<c>guest/device/host2/THREAD</c>, named by its stages' <c>thread</c>) with the stages that run on them, but
/// a stage whose thread is <c>backend</c> or <c>driver</c> runs on its device's own backend or driver thread. The
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
            var devices = guest.Devices.Select(d => d.Name)
                .Concat(guest.Blk.Select(d => d.Name))
                .Concat(guest.Net.Where(d => d.IsVirtio).Select(d => d.Name));
            foreach (string device in devices)
            {
                threads.Add(Own($"{guest.Name}/{device}/driver"));
                threads.Add(Own($"{guest.Name}/{device}/backend"));
            }
            foreach (var net in guest.Net)
            {
                if (net.Host is not { } host) continue;
                string device = $"{guest.Name}/{net.Name}";
                foreach (string thread in host.Threads)
                {
                    var on = host.Stages.Where(s => s.Thread == thread).ToArray();
                    var stages = on.Select(s => StagePath(device, s));
                    bool polls = on.Any(s => s.Kind.Polls);
                    int own = NetHostStageModel.DeviceThreads.Contains(thread) ? threads.FindIndex(t => t.Name == $"{device}/{thread}") : -1;
                    if (own >= 0) threads[own] = threads[own] with { Actors = [.. threads[own].Actors, .. stages], Polls = threads[own].Polls || polls };
                    else threads.Add(new HostThread(ThreadPath(device, thread), stages.ToArray(), polls));
                }
            }
        }
        return threads;
    }

    /// <summary>Every thread name of <paramref name="transport"/>'s guests.</summary>
    public static IReadOnlyList<string> Of(TransportModel transport) => Threads(transport).Select(t => t.Name).ToArray();

    /// <summary>The actor path of host-path stage <paramref name="stage"/> of the device at <paramref name="device"/> (<c>guest/device</c>).</summary>
    public static string StagePath(string device, NetHostStageModel stage) => $"{device}/host2/{stage.Kind.Name}";

    /// <summary>The name of host-path thread <paramref name="thread"/> of the device at <paramref name="device"/> (<c>guest/device</c>).</summary>
    public static string ThreadPath(string device, string thread) => $"{device}/host2/{thread}";

    private static HostThread Own(string actor) => new(actor, [actor]);
}
