using Sim.Scenarios.Model;

namespace Sim.Scenarios.Planning;

/// <summary>
/// The threads of a transport world that run on the host's cores when the scenario has a <c>host:</c> section: each
/// virtio device's driver (<c>guest/device/driver</c>, the guest vCPU that runs it) and backend (<c>guest/device/backend</c>),
/// for echo, blk and virtio-net devices, in the order the world builds them. The names are the actors' paths, so the
/// reader can check a placement rule against them and the world builder can find the actors.
/// </summary>
public static class HostThreadNames
{
    /// <summary>Every thread name of <paramref name="transport"/>'s guests.</summary>
    public static IReadOnlyList<string> Of(TransportModel transport)
    {
        var names = new List<string>();
        foreach (var guest in transport.Guests)
        {
            var devices = guest.Devices.Select(d => d.Name)
                .Concat(guest.Blk.Select(d => d.Name))
                .Concat(guest.Net.Where(d => d.IsVirtio).Select(d => d.Name));
            foreach (string device in devices)
            {
                names.Add($"{guest.Name}/{device}/driver");
                names.Add($"{guest.Name}/{device}/backend");
            }
        }
        return names;
    }
}
