using Sim.Devices.Net;
using Sim.Scenarios.Model;

namespace Sim.Scenarios.Planning;

/// <summary>
/// The host network paths of the STR-68 set-up as stages after host2's NIC (each stage a <c>net.host.STAGE</c> cost
/// prefix), and the cost entries a net device reads: known from the scenario alone, so the reader can check a cost
/// profile before a world is built.
/// </summary>
public static class NetHostPaths
{
    /// <summary>The stages of each host path after host2's NIC, in order (each a <c>net.host.STAGE</c> cost prefix).</summary>
    public static IReadOnlyList<string> Stages(string path) => path switch
    {
        "none" => ["socket"],
        "vfio" => ["vfio"],
        "macvtap" => ["macvtap"],
        "tap" => ["bridge", "tap"],
        "ovs" => ["ovs", "tap"],
        "xdp" => ["xdp"],
        _ => throw new ArgumentOutOfRangeException(nameof(path), path, "not a host network path"),
    };

    /// <summary>The cost entries <paramref name="device"/> needs beyond the platform's.</summary>
    public static IEnumerable<string> CostNames(NetDeviceModel device)
    {
        if (device.IsVirtio) foreach (var name in NetCosts.Names) yield return name;
        if (device.Host is not { } host) yield break;
        yield return "net.host.txStack";
        yield return "net.host.link.perByte";
        yield return "net.host.linkLatency";
        yield return "net.host.nic.perPacket";
        foreach (var stage in Stages(host.Path)) yield return $"net.host.{stage}.perPacket";
        if (host.Tcp is not null && host.BackgroundFlows > 0) yield return "net.host.tcp.ackDelay";
    }
}
