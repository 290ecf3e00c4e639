using System.Globalization;
using Sim.Core.Actors;
using Sim.Devices.Echo;
using Sim.Devices.Virtio;
using Sim.Hypervisors.Costs;
using Sim.Scenarios.Model;
using Sim.Scenarios.Planning;
using Sim.Scenarios.Schema;
using Sim.Scenarios.Yaml;

namespace Sim.Scenarios.Loading;

/// <summary>
/// Reads the virtio transport vocabulary of a scenario, its guests and their devices, on the cost profile
/// <see cref="CostProfileSectionReader"/> reads (<c>costs</c>, <c>costOverrides</c>):
/// <code>
/// guests:
///   - name: vm1
///     memory: 64MiB                   # optional (KiB, MiB, GiB); default 64MiB
///     platform: kvm                   # kvm (default) | xen
///     devices:                        # one or more; placed one after another in guest memory
///       - name: echo0
///         type: echo                  # a request/response device (blk: BlkDeviceReader; net: NetDeviceReader)
///         ring: split                 # split | packed
///         eventIdx: true              # default false
///         indirect: false             # default false
///         queueSize: 256              # default 256
///         deviceFeatures: [version1, ringPacked, eventIdx, indirectDesc, accessPlatform]   # optional; default these five
///         sharing: full               # and backend, backendVcpus, kick, iommu, window: see SharingReader
///         workload: { requestBytes: 64, responseBytes: 512, outstanding: 8, service: { constant: 2us },
///                     interarrival: { exponential: 10us } }   # interarrival optional: open loop
/// </code>
/// </summary>
internal static class TransportSectionReader
{
    /// <summary>The section's key in a scenario.</summary>
    public const string Key = "guests";

    private static readonly Dictionary<string, ulong> FeatureNames = new(StringComparer.Ordinal)
    {
        ["version1"] = VirtioFeatures.Version1,
        ["ringPacked"] = VirtioFeatures.RingPacked,
        ["eventIdx"] = VirtioFeatures.EventIdx,
        ["indirectDesc"] = VirtioFeatures.IndirectDesc,
        ["inOrder"] = VirtioFeatures.InOrder,
        ["accessPlatform"] = VirtioFeatures.AccessPlatform,
        ["notificationData"] = VirtioFeatures.NotificationData,
        ["ringReset"] = VirtioFeatures.RingReset,
    };

    /// <summary>The keys of one guest.</summary>
    public static MappingShape GuestShape => new("a guest",
    [
        KeyShape.Must("name", new TextShape(), "The guest's name (it names actor paths)."),
        KeyShape.May("memory", new QuantityShape(QuantityPattern.Bytes), "Guest RAM (default 64MiB), a multiple of 4 KiB."),
        KeyShape.May("platform", new EnumShape(Platforms), "The hypervisor: kvm (default) or xen."),
        KeyShape.Must("devices", new ListShape(DeviceShape, MinItems: 1), "The guest's devices, placed one after another in guest memory."),
        KeyShape.May("grid", BlkDeviceReader.GridShape, "Variants of the guest's one blk device: every combination of the listed values."),
    ]);

    /// <summary>The device types, each with its keys.</summary>
    public static TaggedShape DeviceShape => new("type",
    [
        ("echo", EchoShape),
        ("blk", BlkDeviceReader.Shape),
        ("net", NetDeviceReader.Shape),
        ("input", InputDeviceReader.Shape),
        ("rpmb", RpmbDeviceReader.Shape),
        ("sound", SoundDeviceReader.Shape),
        ("i2c", I2cDeviceReader.Shape),
        ("gpio", GpioDeviceReader.Shape),
        ("gpu", GpuDeviceReader.Shape),
    ]);

    /// <summary>A device's <c>name</c> and <c>type</c>, first in every device type's keys.</summary>
    internal static IReadOnlyList<KeyShape> DeviceKeys(string type) =>
    [
        KeyShape.Must("name", new TextShape(), "The device's name, unique in its guest (it names actor paths)."),
        KeyShape.Must("type", new EnumShape([type]), "The device type: echo (request/response), blk, net, input, sound, rpmb, i2c, gpio or gpu."),
    ];

    /// <summary>The ring keys of every device type: layout and event suppression.</summary>
    internal static KeyShape RingKey => KeyShape.May("ring", new EnumShape(["split", "packed"]), "The virtqueue layout (default split).");

    /// <summary>Whether the driver negotiates VIRTIO_F_EVENT_IDX.</summary>
    internal static KeyShape EventIdxKey => KeyShape.May("eventIdx", new BooleanShape(), "Negotiate VIRTIO_F_EVENT_IDX (default false).");

    /// <summary>Whether the driver uses indirect descriptors.</summary>
    internal static KeyShape IndirectKey => KeyShape.May("indirect", new BooleanShape(), "Use indirect descriptors (default false).");

    /// <summary>A queue size in [<paramref name="min"/>, 32768]; a split ring's is a power of two.</summary>
    internal static KeyShape QueueSizeKey(int min, int byDefault) =>
        KeyShape.May("queueSize", new IntegerShape(min, 32768), $"Entries per virtqueue (default {byDefault}); a power of two for a split ring.");

    private static MappingShape EchoShape => new("an echo device",
    [
        .. DeviceKeys("echo"),
        RingKey,
        EventIdxKey,
        IndirectKey,
        QueueSizeKey(1, 256),
        KeyShape.May("deviceFeatures", new ListShape(new EnumShape([.. FeatureNames.Keys])), "The feature bits the device offers (default version1, ringPacked, eventIdx, indirectDesc, accessPlatform)."),
        .. SharingReader.KeyShapes,
        KeyShape.Must("workload", EchoWorkloadShape, "The requests the driver sends."),
    ]);

    private static MappingShape EchoWorkloadShape => new("an echo workload",
    [
        KeyShape.Must("requestBytes", new IntegerShape(EchoWorkload.TagBytes, 1 << 20), "Bytes per request."),
        KeyShape.Must("responseBytes", new IntegerShape(EchoWorkload.TagBytes, 1 << 20), "Bytes per response."),
        KeyShape.May("outstanding", new IntegerShape(1, 32768), "Requests in flight at once (default 1; at most the queue size)."),
        KeyShape.May("service", DistributionReader.Schema, "The device's service time per request (default none)."),
        KeyShape.May("interarrival", DistributionReader.Schema, "Open loop: the time between requests (default: closed loop)."),
    ]);

    private const ulong DefaultDeviceFeatures =
        VirtioFeatures.Version1 | VirtioFeatures.RingPacked | VirtioFeatures.EventIdx | VirtioFeatures.IndirectDesc | VirtioFeatures.AccessPlatform;

    /// <summary>Reads the guests and the cost profile (from <paramref name="root"/>'s <c>costs</c> and <c>costOverrides</c>).</summary>
    public static TransportModel Read(MappingReader root, SequenceReader guests, ScenarioFiles files)
    {
        CostProfile profile = CostProfileSectionReader.Read(root, files);
        var names = new HashSet<string>(StringComparer.Ordinal);
        var models = new List<GuestModel>();
        bool hostCores = root.Optional(HostSectionReader.Key) is not null;
        foreach (MappingReader guest in guests.Mappings()) models.AddRange(ReadGuest(guest, names, hostCores, profile));
        if (models.Count == 0) throw guests.Self.Unexpected("at least one guest");
        CostProfileSectionReader.CheckCovers(profile, models, root.Optional("costs") ?? guests.Self);
        return new TransportModel(profile, models);
    }

    private static string[] Platforms => ["kvm", "xen"];

    private static IEnumerable<GuestModel> ReadGuest(MappingReader guest, HashSet<string> names, bool hostCores, CostProfile profile)
    {
        guest.Declare(GuestShape);
        NodeReader nameNode = guest.Required("name");
        string name = nameNode.AsString();
        ulong memory = guest.Optional("memory") is { } m ? ReadBytes(m) : 64UL << 20;
        NodeReader? platformNode = guest.Optional("platform");
        string platform = platformNode?.AsString() ?? "kvm";
        if (!Platforms.Contains(platform)) throw platformNode!.Unexpected("a platform: kvm or xen");
        var deviceNames = new HashSet<string>(StringComparer.Ordinal);
        var echo = new List<EchoDeviceModel>();
        var blk = new List<(BlkDeviceModel Model, MappingReader Node)>();
        var net = new List<NetDeviceModel>();
        var input = new List<InputDeviceModel>();
        var rpmb = new List<RpmbDeviceModel>();
        var sound = new List<SoundDeviceModel>();
        var i2c = new List<I2cDeviceModel>();
        var gpio = new List<GpioDeviceModel>();
        var gpu = new List<GpuDeviceModel>();
        IReadOnlyList<string>? gridMechanisms = GridMechanisms(guest);
        foreach (MappingReader device in guest.Sequence("devices").Mappings())
        {
            NodeReader typeNode = device.Required("type");
            switch (typeNode.AsString())
            {
                case "echo": echo.Add(ReadDevice(device, deviceNames, platform, memory)); break;
                case "blk": blk.Add((BlkDeviceReader.Read(device, deviceNames, platform, memory, gridMechanisms), device)); break;
                case "net": net.Add(NetDeviceReader.Read(device, deviceNames, platform, profile, hostCores)); break;
                case "input": input.Add(InputDeviceReader.Read(device, deviceNames, platform)); break;
                case "sound": sound.Add(SoundDeviceReader.Read(device, deviceNames, platform)); break;
                case "rpmb": rpmb.Add(RpmbDeviceReader.Read(device, deviceNames, platform)); break;
                case "i2c": i2c.Add(I2cDeviceReader.Read(device, deviceNames, platform)); break;
                case "gpio": gpio.Add(GpioDeviceReader.Read(device, deviceNames, platform)); break;
                case "gpu": gpu.Add(GpuDeviceReader.Read(device, deviceNames, platform)); break;
                default: throw typeNode.Unexpected("a device type: echo, blk, net, input, sound, rpmb, i2c, gpio or gpu");
            }
        }
        MappingReader? grid = guest.OptionalMapping("grid");
        guest.Done();
        int count = echo.Count + blk.Count + net.Count + input.Count + sound.Count + rpmb.Count + i2c.Count + gpio.Count + gpu.Count;
        if (count == 0) throw guest.FailAt("devices", $"guest '{name}': expected at least one device");
        if (grid is null)
        {
            ReadPathName(nameNode, "guest", names);
            var model = new GuestModel(name, memory, echo, platform, blk.Select(b => b.Model).ToList(), net, input, sound, rpmb, i2c, gpio, gpu);
            ulong needed = GuestAddressPlan.MemoryNeeded(model);
            if (needed > memory)
                throw guest.FailAt("devices", $"guest '{name}': its memory ({memory} bytes) is too small for its {count} device(s) placed one after another: they need {needed} bytes (rings, buffers, grant tables, windows)");
            yield return model;
            yield break;
        }
        if (blk.Count != 1 || count != 1) throw grid.Self.Fail($"guest '{name}': a grid varies a blk device; expected exactly one device, a blk device");
        foreach (var (suffix, model) in BlkDeviceReader.Expand(grid, blk[0].Model, platform, memory))
        {
            string variant = $"{name}-{suffix}";
            if (!names.Add(variant)) throw nameNode.Fail($"duplicate guest name '{variant}' (from the grid)");
            yield return new GuestModel(variant, memory, [], platform, [model]);
        }
    }

    /// <summary>
    /// The mechanisms a guest's <c>grid</c> gives its device (<c>grid: { sharing: [...] }</c>), read ahead of the device
    /// so that a key only some variants read (a window) is not refused; null when the grid does not vary the mechanism.
    /// </summary>
    private static IReadOnlyList<string>? GridMechanisms(MappingReader guest)
    {
        if (guest.Optional("grid") is not { IsMapping: true } grid) return null;
        if (grid.AsMapping().Optional("sharing") is not { IsSequence: true } list) return null;
        return list.AsSequence().Items.Where(item => item.IsScalar).Select(item => item.AsString()).ToList();
    }

    private static EchoDeviceModel ReadDevice(MappingReader device, HashSet<string> names, string platform, ulong memory)
    {
        device.Declare(EchoShape);
        string name = ReadPathName(device.Required("name"), "device", names);
        device.Required("type");
        NodeReader ringNode = device.Optional("ring") ?? device.Self;
        string ring = device.OptionalString("ring") ?? "split";
        if (ring is not ("split" or "packed")) throw ringNode.Unexpected("'split' or 'packed'");
        bool eventIdx = device.Optional("eventIdx")?.AsBoolean() ?? false;
        bool indirect = device.Optional("indirect")?.AsBoolean() ?? false;
        ushort queueSize = (ushort)(device.OptionalInt64("queueSize", min: 1, max: 32768) ?? 256);
        if (ring == "split" && (queueSize & (queueSize - 1)) != 0)
            throw device.FailAt("queueSize", $"a split queue size must be a power of two, found {queueSize}");
        ulong offered = device.OptionalSequence("deviceFeatures") is { } list ? ReadFeatures(list) : DefaultDeviceFeatures;
        var (sharing, sharingAt) = SharingReader.Read(device, platform);
        // The echo device's type, 0xFFFE, has no virtio-pci device ID (0x1040 + type, at most 0x107f, virtio 1.2, 4.1.2.1).
        if (sharing.Transport == "pci")
            throw device.FailAt("transport", $"the echo device (virtio type 0x{EchoIdentity.DeviceId:x}, unassigned) has no virtio-pci device ID (0x1040 + type, at most 0x107f); it runs on virtio-mmio");
        sharing = sharing with { Transport = "mmio" };
        EchoWorkload workload = ReadWorkload(device.Mapping("workload"), queueSize);
        device.Done();
        SharingKeyRules.CheckWindowFits(sharing, [("request buffer", workload.RequestBytes), ("response buffer", workload.ResponseBytes)], sharingAt);
        var layout = EchoGuestLayout.For(queueSize, workload.Outstanding, workload.RequestBytes, workload.ResponseBytes);
        ulong needed = layout.End + GuestAddressPlan.PlatformRegionBytes(sharing);
        if (needed > memory) throw sharingAt.Fail($"the guest's memory ({memory} bytes) is too small for this device: it needs {needed} bytes (rings, buffers, grant table, window)");
        return new EchoDeviceModel(name, ring == "packed", eventIdx, indirect, queueSize, offered, workload, sharing);
    }

    private static EchoWorkload ReadWorkload(MappingReader w, ushort queueSize)
    {
        w.Declare(EchoWorkloadShape);
        int request = (int)w.RequiredInt64("requestBytes", min: EchoWorkload.TagBytes, max: 1 << 20);
        int response = (int)w.RequiredInt64("responseBytes", min: EchoWorkload.TagBytes, max: 1 << 20);
        int outstanding = (int)(w.OptionalInt64("outstanding", min: 1, max: 32768) ?? 1);
        var service = w.Optional("service") is { } s ? DistributionReader.Read(s) : new Sim.Core.Randomness.ConstantDelay(Sim.Core.Time.SimTime.Zero);
        var interarrival = w.Optional("interarrival") is { } i ? DistributionReader.Read(i) : null;
        w.Done();
        if (outstanding > queueSize) throw w.FailAt("outstanding", $"outstanding ({outstanding}) cannot exceed the queue size ({queueSize})");
        return new EchoWorkload(request, response, outstanding, service, interarrival);
    }

    private static ulong ReadFeatures(SequenceReader list)
    {
        ulong features = 0;
        foreach (NodeReader item in list.Items)
        {
            string name = item.AsString();
            if (!FeatureNames.TryGetValue(name, out ulong bit))
            {
                string? near = NearestName.Find(name, FeatureNames.Keys.ToList());
                throw item.Fail($"unknown feature '{name}'" + (near is null ? $"; expected one of {string.Join(", ", FeatureNames.Keys)}" : $"; did you mean '{near}'?"));
            }
            features |= bit;
        }
        return features;
    }

    internal static string ReadPathName(NodeReader node, string kind, HashSet<string> names)
    {
        string name = node.AsString();
        if (!ActorId.IsValidPath(name, out string problem) || name.Contains('/'))
            throw node.Fail($"'{name}' cannot name a {kind}: {(name.Contains('/') ? "'/' is not allowed" : problem)}");
        if (!names.Add(name)) throw node.Fail($"duplicate {kind} name '{name}'");
        return name;
    }

    /// <summary>The bytes a memory size names (<see cref="MemorySizeText"/>).</summary>
    internal static ulong ReadBytes(NodeReader node) =>
        MemorySizeText.TryParse(node.AsString()) ?? throw node.Unexpected(MemorySizeText.Expected);
}
