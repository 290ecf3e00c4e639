using Sim.Devices.Net;
using Sim.Scenarios.Model;

namespace Sim.Scenarios.Planning;

/// <summary>
/// The cost entries a net device reads, its guest stack's (<c>net.guest.rxPacket</c>, with <c>rxStack</c>) and its host
/// path's included (each stage's <c>net.host.KIND[.MODE].perPacket</c>):
/// known from the scenario alone, so the reader can check a cost profile before a world is built.
/// </summary>
public static class NetHostPaths
{
    /// <summary>The cost entries <paramref name="device"/> needs beyond the platform's.</summary>
    public static IEnumerable<string> CostNames(NetDeviceModel device)
    {
        if (device.IsVirtio) foreach (var name in NetCosts.NamesFor(device.BackendCostKind)) yield return name;
        if (device.RxStack) yield return NetDeviceModel.ReceiveStackCost;
        if (device.Host is not { } host) yield break;
        yield return "net.host.txStack";
        yield return "net.host.link.perByte";
        yield return "net.host.linkLatency";
        foreach (var stage in host.Stages) yield return $"{stage.CostPrefix}.perPacket";
        if (host.Tcp is not null && host.BackgroundFlows > 0) yield return "net.host.tcp.ackDelay";
        if (host.Sender is { } sender) foreach (string name in sender.CostNames()) yield return name;
    }
}
