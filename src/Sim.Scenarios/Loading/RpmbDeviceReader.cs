using Sim.Core.Randomness;
using Sim.Core.Time;
using Sim.Devices.Rpmb;
using Sim.Scenarios.Model;
using Sim.Scenarios.Schema;
using Sim.Scenarios.Yaml;

namespace Sim.Scenarios.Loading;

/// <summary>
/// Reads a virtio-rpmb device (virtio 1.2, 5.12), its partition and the guest's secure-storage traffic:
/// <code>
/// - name: rpmb0
///   type: rpmb
///   ring: split                      # split | packed; eventIdx as for echo
///   queueSize: 8                     # the requestq (default 8)
///   capacity: 4                      # partition size in 128 KiB units, 1 to 128 (default 4: 512 KiB)
///   maxWriteBlocks: 2                # max_wr_cnt, blocks per write the device takes (default 2; 0 for no limit)
///   maxReadBlocks: 2                 # max_rd_cnt (default 2; 0 for no limit)
///   sharing: full                    # and backend, kick, iommu, window: see SharingReader
///   workload: { interarrival: { exponential: 100ms }, writeFraction: 0.5, blocks: 1 }
/// </code>
/// </summary>
internal static class RpmbDeviceReader
{
    /// <summary>The keys of an RPMB device.</summary>
    public static MappingShape Shape => new("an rpmb device",
    [
        .. DeviceHead.Keys("rpmb", 2, 8),
        KeyShape.May("capacity", new IntegerShape(1, RpmbLayout.MaxCapacity), "Partition size in 128 KiB units (default 4; virtio 1.2, 5.12.4)."),
        KeyShape.May("maxWriteBlocks", new IntegerShape(0, 255), "max_wr_cnt: blocks per authenticated write the device takes (default 2; 0: no limit)."),
        KeyShape.May("maxReadBlocks", new IntegerShape(0, 255), "max_rd_cnt: blocks per authenticated read (default 2; 0: no limit)."),
        .. SharingReader.KeyShapes,
        KeyShape.May("workload", WorkloadShape, "The authenticated writes and reads the guest makes (default: one every 100ms, half writes, one block)."),
    ]);

    private static MappingShape WorkloadShape => new("an rpmb workload",
    [
        KeyShape.May("interarrival", DistributionReader.Schema, "The time between operations (default exponential, mean 100ms)."),
        KeyShape.May("writeFraction", new NumberShape(0, 1), "Share of operations that are writes (default 0.5)."),
        KeyShape.May("blocks", new IntegerShape(1, 255), "256-byte blocks per write or read (default 1)."),
    ]);

    /// <summary>Reads one RPMB device of a guest on <paramref name="platform"/>.</summary>
    public static RpmbDeviceModel Read(MappingReader device, HashSet<string> names, string platform)
    {
        device.Declare(Shape);
        var (name, packed, eventIdx, queueSize) = DeviceHead.Read(device, names, 2, 8);
        var config = new RpmbConfig((byte)(device.OptionalInt64("capacity", min: 1, max: RpmbLayout.MaxCapacity) ?? 4),
            (byte)(device.OptionalInt64("maxWriteBlocks", min: 0, max: 255) ?? 2), (byte)(device.OptionalInt64("maxReadBlocks", min: 0, max: 255) ?? 2));
        var (sharing, _) = SharingReader.Read(device, platform);
        DelayDistribution interarrival = new ExponentialDelay(SimTime.FromMilliseconds(100));
        double writeFraction = 0.5;
        int blocks = 1;
        if (device.OptionalMapping("workload") is { } w)
        {
            w.Declare(WorkloadShape);
            if (w.Optional("interarrival") is { } i) interarrival = DistributionReader.Read(i);
            if (w.Optional("writeFraction") is { } fraction)
            {
                writeFraction = fraction.AsDouble();
                if (writeFraction is < 0 or > 1) throw fraction.Unexpected("a share of writes from 0 to 1");
            }
            blocks = (int)(w.OptionalInt64("blocks", min: 1, max: 255) ?? 1);
            if (!config.AllowsWriteOf((ushort)blocks) || !config.AllowsReadOf((ushort)blocks))
                throw w.FailAt("blocks", $"{blocks} blocks per operation is more than the device takes (maxWriteBlocks {config.MaxWriteCount}, maxReadBlocks {config.MaxReadCount})");
            w.Done();
        }
        device.Done();
        return new RpmbDeviceModel(name, packed, eventIdx, queueSize, new RpmbWorkload(interarrival, writeFraction, blocks, config), sharing);
    }
}
