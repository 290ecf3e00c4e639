using System.Globalization;
using Sim.Core.Time;
using Sim.Devices.Blk;
using Sim.Devices.Iommu;
using Sim.Scenarios.Model;
using Sim.Scenarios.Planning;
using Sim.Scenarios.Schema;
using Sim.Scenarios.Yaml;

namespace Sim.Scenarios.Loading;

/// <summary>
/// Reads a virtio-blk device on a guest's platform, and a guest's <c>grid</c> of variants:
/// <code>
/// - name: blk0
///   type: blk
///   ring: split                      # split | packed; eventIdx, indirect, queueSize as for echo (queueSize default 64)
///   sharing: grant-map               # and backend, backendVcpus, kick, iommu, window: see SharingReader
///   capacity: 1GiB                   # disk size (default 1GiB)
///   storage: ram                     # ram (default): a RAM disk, the backend thread's work | device: a drive serving on
///                                    #   its own (NVMe); both from the profile's storage.* entries
///   headers: mapped                  # mapped (default): header and status mapped per request, as Linux virtio-blk does |
///                                    #   coherent: in memory shared for the device's life (dma_alloc_coherent), only the
///                                    #   data buffer is mapped per request (an NVMe-like driver)
///   workload: { requestSize: 4KiB, queueDepth: 32, readFraction: 0.5, span: 2MiB, channels: 4,
///               interarrival: { exponential: 20us },    # interarrival optional: open loop
///               verify: full }   # full (default) | none | { sample: 0.1 }: which reads of written sectors are checked
///                                #   (BlkVerificationReader)
///   reset: { at: 5ms }               # optional: the driver resets the device then and brings it up again; requests in
///                                    #   its ring then fail (driver failedByReset), the rest go on
/// grid: { sharing: [grant-map, grant-copy], backendVcpus: [1, 4, 8], requestSize: [4KiB, 64KiB], queueDepth: [1, 32] }
/// </code>
/// The sharing keys and their platform rules are <see cref="SharingReader"/>'s.
/// </summary>
internal static class BlkDeviceReader
{
    private static readonly string[] StorageKinds = ["ram", "device"];

    private static readonly string[] HeaderPlacements = ["mapped", "coherent"];

    private static IReadOnlyList<string> GridKeys => GridShape.KeyNames;

    /// <summary>The keys of a blk device.</summary>
    public static MappingShape Shape => new("a blk device",
    [
        .. TransportSectionReader.DeviceKeys("blk"),
        TransportSectionReader.RingKey,
        TransportSectionReader.EventIdxKey,
        TransportSectionReader.IndirectKey,
        TransportSectionReader.QueueSizeKey(2, 64),
        .. SharingReader.KeyShapes,
        KeyShape.May("capacity", new QuantityShape(QuantityPattern.Bytes), "The disk's size (default 1GiB)."),
        KeyShape.May("storage", new EnumShape(StorageKinds), "ram (default): a RAM disk, the backend thread's work; device: a drive serving on its own (NVMe)."),
        KeyShape.May("headers", new EnumShape(HeaderPlacements), "mapped (default): header and status mapped per request; coherent: mapped once, only the data per request."),
        KeyShape.Must("workload", WorkloadShape, "The requests the driver sends."),
        KeyShape.May("reset", ResetShape, "The driver resets the device at a time and brings it up again; requests in its ring fail."),
    ]);

    /// <summary>The keys a guest's <c>grid</c> may vary, each a non-empty list of values.</summary>
    public static MappingShape GridShape => new("grid",
    [
        KeyShape.May("sharing", new ListShape(new EnumShape(SharingReader.Mechanisms), MinItems: 1), "Sharing mechanisms to compare."),
        KeyShape.May("backendVcpus", new ListShape(new IntegerShape(1, 512), MinItems: 1), "Backend vCPU counts to compare."),
        KeyShape.May("requestSize", new ListShape(new QuantityShape(QuantityPattern.Bytes), MinItems: 1), "Request sizes to compare."),
        KeyShape.May("queueDepth", new ListShape(new IntegerShape(1, 32768), MinItems: 1), "Queue depths to compare."),
        KeyShape.May("invalidation", new ListShape(new EnumShape(["strict", "lazy"]), MinItems: 1), "IOMMU invalidation modes to compare."),
        KeyShape.May("backend", new ListShape(new EnumShape([.. SharingReader.KvmBackends, .. SharingReader.XenBackends]), MinItems: 1), "Backend placements to compare."),
    ]);

    private static MappingShape WorkloadShape => new("a blk workload",
    [
        KeyShape.Must("requestSize", new QuantityShape(QuantityPattern.Bytes), "Bytes per request, at most 1MiB."),
        KeyShape.May("queueDepth", new IntegerShape(1, 32768), "Requests in flight at once (default 1; at most the queue size)."),
        KeyShape.May("readFraction", new NumberShape(0, 1), "The share of reads (default 0.5)."),
        KeyShape.May("span", new QuantityShape(QuantityPattern.Bytes), "The part of the disk requests fall in (default 2MiB; at most the capacity)."),
        KeyShape.May("channels", new IntegerShape(1, 1024), "Requests the storage serves at once (default 4)."),
        KeyShape.May("interarrival", DistributionReader.Schema, "Open loop: the time between requests (default: closed loop)."),
        BlkVerificationReader.Key,
    ]);

    private static MappingShape ResetShape => new("reset",
    [
        KeyShape.Must("at", new QuantityShape(QuantityPattern.Time), "When the driver resets the device (> 0)."),
    ]);

    /// <summary>Reads one blk device of a guest on <paramref name="platform"/> with <paramref name="memory"/> bytes of RAM.</summary>
    /// <remarks><paramref name="gridMechanisms"/>: the mechanisms the guest's grid gives the device, if it varies them.</remarks>
    public static BlkDeviceModel Read(MappingReader device, HashSet<string> names, string platform, ulong memory, IReadOnlyList<string>? gridMechanisms = null)
    {
        device.Declare(Shape);
        string name = TransportSectionReader.ReadPathName(device.Required("name"), "device", names);
        NodeReader ringNode = device.Optional("ring") ?? device.Self;
        string ring = device.OptionalString("ring") ?? "split";
        if (ring is not ("split" or "packed")) throw ringNode.Unexpected("'split' or 'packed'");
        bool eventIdx = device.Optional("eventIdx")?.AsBoolean() ?? false;
        bool indirect = device.Optional("indirect")?.AsBoolean() ?? false;
        ushort queueSize = (ushort)(device.OptionalInt64("queueSize", min: 2, max: 32768) ?? 64);
        if (ring == "split" && (queueSize & (queueSize - 1)) != 0)
            throw device.FailAt("queueSize", $"a split queue size must be a power of two, found {queueSize}");

        var (sharing, sharingAt) = SharingReader.Read(device, platform, gridMechanisms);
        ulong capacity = device.Optional("capacity") is { } c ? TransportSectionReader.ReadBytes(c) : 1UL << 30;
        string storage = device.Optional("storage") is { } s ? SharingReader.OneOf(s, StorageKinds, "a storage kind") : "ram";
        bool coherent = device.Optional("headers") is { } h && SharingReader.OneOf(h, HeaderPlacements, "a header placement: mapped or coherent") == "coherent";
        MappingReader workloadNode = device.Mapping("workload");
        var workload = ReadWorkload(workloadNode, capacity);
        SimTime? resetAt = null;
        if (device.OptionalMapping("reset") is { } reset)
        {
            reset.Declare(ResetShape);
            resetAt = reset.Required("at").AsPositiveTime();
            reset.Done();
        }
        device.Done();

        var model = new BlkDeviceModel(name, ring == "packed", eventIdx, indirect, queueSize, sharing, workload, capacity / BlkLayout.SectorSize, storage, coherent, resetAt);
        Check(model, platform, memory, sharingAt);
        if (workload.QueueDepth > queueSize) throw workloadNode.FailAt("queueDepth", $"queueDepth ({workload.QueueDepth}) cannot exceed the queue size ({queueSize})");
        return model;
    }

    /// <summary>The grid's variants of <paramref name="template"/>: every combination of the listed values, with a name suffix.</summary>
    public static IEnumerable<(string Suffix, BlkDeviceModel Model)> Expand(MappingReader grid, BlkDeviceModel template, string platform, ulong memory)
    {
        var axes = new List<(string Key, List<(string Label, Func<BlkDeviceModel, BlkDeviceModel> Apply, NodeReader Node)> Values)>();
        foreach (var (key, keyNode, value) in grid.FreeEntries())
        {
            if (!GridKeys.Contains(key))
            {
                string? near = NearestName.Find(key, GridKeys);
                throw keyNode.Fail($"a grid cannot vary '{key}'" + (near is null ? $"; expected one of {string.Join(", ", GridKeys)}" : $"; did you mean '{near}'?"));
            }
            var values = value.AsSequence().Items.Select(item => GridValue(key, item, platform, template)).ToList();
            if (values.Count == 0) throw value.Unexpected($"a non-empty list of values for '{key}'");
            axes.Add((key, values));
        }
        IEnumerable<(string Suffix, BlkDeviceModel Model, NodeReader? Node)> combos = [("", template, null)];
        foreach (var (_, values) in axes)
            combos = combos.SelectMany(c => values.Select(v => (c.Suffix.Length == 0 ? v.Label : $"{c.Suffix}-{v.Label}", v.Apply(c.Model), (NodeReader?)v.Node)));
        foreach (var (suffix, model, node) in combos)
        {
            Check(model, platform, memory, node ?? grid.Self);
            if (model.Workload.QueueDepth > model.QueueSize)
                throw (node ?? grid.Self).Fail($"queueDepth ({model.Workload.QueueDepth}) cannot exceed the queue size ({model.QueueSize})");
            yield return (suffix, model);
        }
    }

    private static (string, Func<BlkDeviceModel, BlkDeviceModel>, NodeReader) GridValue(string key, NodeReader item, string platform, BlkDeviceModel template)
    {
        switch (key)
        {
            case "sharing":
            {
                string m = SharingReader.OneOf(item, SharingReader.Mechanisms, "a sharing mechanism");
                return (m, d => d with { Sharing = d.Sharing with { Mechanism = m } }, item);
            }
            case "backend":
            {
                string b = SharingReader.OneOf(item, SharingReader.Backends(platform), $"a {platform} backend placement");
                return (b, d => d with { Sharing = d.Sharing with { Backend = b } }, item);
            }
            case "backendVcpus":
            {
                int v = (int)item.AsInt64(1, 512);
                return ($"{v}vcpu", d => d with { Sharing = d.Sharing with { BackendVcpus = v } }, item);
            }
            case "requestSize":
            {
                ulong bytes = TransportSectionReader.ReadBytes(item);
                return (item.AsString().Trim(), d => d with { Workload = Rebuild(d.Workload, requestBytes: checked((int)bytes)) }, item);
            }
            case "queueDepth":
            {
                int q = (int)item.AsInt64(1, 32768);
                return ($"qd{q}", d => d with { Workload = Rebuild(d.Workload, queueDepth: q) }, item);
            }
            default:
            {
                string mode = SharingReader.OneOf(item, ["strict", "lazy"], "an invalidation: strict or lazy");
                var inv = SharingReader.InvalidationNamed(mode);
                return (mode, d => d with { Sharing = d.Sharing with { Invalidation = inv } }, item);
            }
        }
    }

    /// <summary>The buffers one request maps at once: header, data and status, or the data alone with coherent headers.</summary>
    private static IReadOnlyList<(string Name, long Bytes)> MappedBuffers(BlkDeviceModel model) => model.CoherentHeaders
        ? [("data buffer", model.Workload.RequestBytes)]
        : [("header", BlkLayout.HeaderSize), ("data buffer", model.Workload.RequestBytes), ("status byte", BlkLayout.StatusSize)];

    private static BlkWorkload Rebuild(BlkWorkload w, int? requestBytes = null, int? queueDepth = null) =>
        new(requestBytes ?? w.RequestBytes, w.ReadFraction, queueDepth ?? w.QueueDepth, w.SectorSpan, w.StorageChannels, w.Interarrival, w.Verification);

    private static BlkWorkload ReadWorkload(MappingReader w, ulong capacity)
    {
        w.Declare(WorkloadShape);
        NodeReader sizeNode = w.Required("requestSize");
        ulong size = TransportSectionReader.ReadBytes(sizeNode);
        if (size > 1UL << 20) throw sizeNode.Unexpected("a request size of at most 1MiB");
        int depth = (int)(w.OptionalInt64("queueDepth", min: 1, max: 32768) ?? 1);
        NodeReader? readNode = w.Optional("readFraction");
        double read = readNode?.AsDouble() ?? 0.5;
        if (read is < 0 or > 1 || double.IsNaN(read)) throw readNode!.Unexpected("a fraction between 0 and 1");
        NodeReader? spanNode = w.Optional("span");
        ulong span = spanNode is null ? 2UL << 20 : TransportSectionReader.ReadBytes(spanNode);
        if (span > capacity) throw spanNode!.Unexpected($"a span no larger than the disk ({capacity} bytes)");
        if (span < size) throw (spanNode ?? w.Self).Fail($"the span ({span} bytes) must hold at least one request of {size} bytes");
        int channels = (int)(w.OptionalInt64("channels", min: 1, max: 1024) ?? 4);
        var interarrival = w.Optional("interarrival") is { } i ? DistributionReader.Read(i) : null;
        var verification = BlkVerificationReader.Read(w.Optional("verify"));
        w.Done();
        return new BlkWorkload((int)size, read, depth, span / BlkLayout.SectorSize, channels, interarrival, verification);
    }

    private static void Check(BlkDeviceModel model, string platform, ulong memory, NodeReader at)
    {
        SharingReader.Check(model.Sharing, platform, at);
        SharingKeyRules.CheckWindowFits(model.Sharing, MappedBuffers(model), at);
        ulong needed = BlkGuestLayout.For(model.QueueSize, model.Workload.QueueDepth, model.Workload.RequestBytes).End + GuestAddressPlan.PlatformRegionBytes(model.Sharing);
        if (needed > memory) throw at.Fail($"the guest's memory ({memory} bytes) is too small for this device: it needs {needed} bytes (rings, buffers, grant table, window)");
    }
}
