namespace Sim.Worlds.Results;

/// <summary>
/// Devices of a large world gathered into groups for the summary (issue 21: a world of 1,000 guests printed 500 tables
/// of four devices). A group is named by its label (e.g. <c>kvm full blk0</c>, platform, sharing mechanism and device
/// name) and the number of devices in it; its figures are what one device of the group did on average: throughput and
/// exposure as means per device, the mean latency and the per-request figures weighted by requests, and the p99 latency
/// and the peak pages of the worst device. Groups come in the order their first device comes.
/// </summary>
public static class DeviceGroups
{
    /// <summary><paramref name="devices"/> gathered by <paramref name="labelOf"/> (a device path to its group's label; a path it does not know is a group of its own).</summary>
    public static IReadOnlyList<DeviceComparison> Group(IReadOnlyList<DeviceComparison> devices, Func<string, string?> labelOf)
    {
        ArgumentNullException.ThrowIfNull(devices);
        ArgumentNullException.ThrowIfNull(labelOf);
        return devices.GroupBy(d => labelOf(d.Device) ?? d.Device, StringComparer.Ordinal).Select(Merge).ToList();
    }

    private static DeviceComparison Merge(IGrouping<string, DeviceComparison> group)
    {
        var members = group.ToList();
        int n = members.Count;
        long requests = members.Sum(d => d.Requests);
        double PerDevice(Func<DeviceComparison, double> value) => members.Sum(value) / n;
        double PerRequest(Func<DeviceComparison, double> value) => requests == 0 ? PerDevice(value) : members.Sum(d => value(d) * d.Requests) / requests;
        return new DeviceComparison(
            $"{group.Key} ×{n}", requests, PerDevice(d => d.Iops), PerDevice(d => d.BytesPerSecond),
            PerRequest(d => d.LatencyMean), members.Max(d => d.LatencyP99),
            PerRequest(d => d.KicksPerRequest), PerRequest(d => d.InterruptsPerRequest), PerRequest(d => d.ExitsPerRequest),
            PerRequest(d => d.HypercallsPerRequest), PerRequest(d => d.GrantOpsPerRequest), PerRequest(d => d.IpisPerRequest),
            PerRequest(d => d.IotlbMissesPerRequest), PerRequest(d => d.IommuRequestsPerRequest), PerRequest(d => d.CopiesPerRequest),
            PerRequest(d => d.BytesCopiedPerRequest), PerDevice(d => d.ExposedPagesMean), members.Max(d => d.ExposedPagesPeak),
            PerDevice(d => d.StalePageSeconds), members.Sum(d => d.Violations))
        {
            CoalescedPerRequest = PerRequest(d => d.CoalescedPerRequest),
        };
    }
}
