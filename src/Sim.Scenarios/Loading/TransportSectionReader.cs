using System.Globalization;
using Sim.Core.Actors;
using Sim.Devices.Echo;
using Sim.Devices.Virtio;
using Sim.Hypervisors.Costs;
using Sim.Scenarios.Model;
using Sim.Scenarios.Yaml;

namespace Sim.Scenarios.Loading;

/// <summary>
/// Reads the virtio transport vocabulary of a scenario:
/// <code>
/// costs: flat-default                 # a built-in profile (profiles/*.yaml) or a profile file relative to the scenario
/// costOverrides:                      # optional: replace single entries, each with its source
///   backend.wakeup: { value: 5us, source: "what-if: a busier host" }
/// guests:
///   - name: vm1
///     memory: 64MiB                   # optional (KiB, MiB, GiB); default 64MiB
///     devices:
///       - name: echo0
///         type: echo                  # a request/response device
///         ring: split                 # split | packed
///         eventIdx: true              # default false
///         indirect: false             # default false
///         queueSize: 256              # default 256
///         deviceFeatures: [version1, ringPacked, eventIdx, indirectDesc]   # optional; default all four
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

    private const ulong DefaultDeviceFeatures =
        VirtioFeatures.Version1 | VirtioFeatures.RingPacked | VirtioFeatures.EventIdx | VirtioFeatures.IndirectDesc;

    /// <summary>Reads the guests and the cost profile (from <paramref name="root"/>'s <c>costs</c> and <c>costOverrides</c>).</summary>
    public static TransportModel Read(MappingReader root, SequenceReader guests, string scenarioFile)
    {
        CostProfile profile = ReadProfile(root, scenarioFile);
        var names = new HashSet<string>(StringComparer.Ordinal);
        var models = new List<GuestModel>();
        foreach (MappingReader guest in guests.Mappings()) models.Add(ReadGuest(guest, names));
        if (models.Count == 0) throw guests.Self.Unexpected("at least one guest");
        return new TransportModel(profile, models);
    }

    private static CostProfile ReadProfile(MappingReader root, string scenarioFile)
    {
        NodeReader? node = root.Optional("costs");
        string reference = node?.AsString() ?? "flat-default";
        CostProfile? profile = CostProfileLoader.LoadBuiltIn(reference);
        if (profile is null)
        {
            string path = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(scenarioFile)) ?? ".", reference);
            if (!File.Exists(path))
            {
                throw (node ?? root.Self).Fail($"no cost profile '{reference}': expected a built-in profile " +
                    $"({string.Join(", ", CostProfileLoader.BuiltInNames)}) or a profile file relative to the scenario");
            }
            profile = CostProfileLoader.LoadText(File.ReadAllText(path), path);
        }
        if (root.OptionalMapping("costOverrides") is { } overrides)
        {
            var entries = new List<CostEntry>();
            foreach (var (name, keyNode, value) in overrides.FreeEntries())
            {
                if (!profile.Has(name))
                {
                    string? near = NearestName.Find(name, profile.Entries.Select(e => e.Name).ToList());
                    throw keyNode.Fail($"cost profile '{profile.Name}' has no cost '{name}'" + (near is null ? "" : $"; did you mean '{near}'?"));
                }
                entries.Add(CostProfileLoader.ReadEntry(name, value, hertz: null));
            }
            profile = profile.With(entries);
        }
        return profile;
    }

    private static GuestModel ReadGuest(MappingReader guest, HashSet<string> names)
    {
        string name = ReadPathName(guest.Required("name"), "guest", names);
        ulong memory = guest.Optional("memory") is { } m ? ReadBytes(m) : 64UL << 20;
        var deviceNames = new HashSet<string>(StringComparer.Ordinal);
        var devices = guest.Sequence("devices").Mappings().Select(d => ReadDevice(d, deviceNames)).ToList();
        guest.Done();
        if (devices.Count == 0) throw guest.FailAt("devices", $"guest '{name}': expected at least one device");
        return new GuestModel(name, memory, devices);
    }

    private static EchoDeviceModel ReadDevice(MappingReader device, HashSet<string> names)
    {
        string name = ReadPathName(device.Required("name"), "device", names);
        NodeReader typeNode = device.Required("type");
        if (typeNode.AsString() != "echo") throw typeNode.Unexpected("a device type: echo");
        NodeReader ringNode = device.Optional("ring") ?? device.Self;
        string ring = device.OptionalString("ring") ?? "split";
        if (ring is not ("split" or "packed")) throw ringNode.Unexpected("'split' or 'packed'");
        bool eventIdx = device.Optional("eventIdx")?.AsBoolean() ?? false;
        bool indirect = device.Optional("indirect")?.AsBoolean() ?? false;
        ushort queueSize = (ushort)(device.OptionalInt64("queueSize", min: 1, max: 32768) ?? 256);
        if (ring == "split" && (queueSize & (queueSize - 1)) != 0)
            throw device.FailAt("queueSize", $"a split queue size must be a power of two, found {queueSize}");
        ulong offered = device.OptionalSequence("deviceFeatures") is { } list ? ReadFeatures(list) : DefaultDeviceFeatures;
        EchoWorkload workload = ReadWorkload(device.Mapping("workload"), queueSize);
        device.Done();
        return new EchoDeviceModel(name, ring == "packed", eventIdx, indirect, queueSize, offered, workload);
    }

    private static EchoWorkload ReadWorkload(MappingReader w, ushort queueSize)
    {
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

    private static string ReadPathName(NodeReader node, string kind, HashSet<string> names)
    {
        string name = node.AsString();
        if (!ActorId.IsValidPath(name, out string problem) || name.Contains('/'))
            throw node.Fail($"'{name}' cannot name a {kind}: {(name.Contains('/') ? "'/' is not allowed" : problem)}");
        if (!names.Add(name)) throw node.Fail($"duplicate {kind} name '{name}'");
        return name;
    }

    private static ulong ReadBytes(NodeReader node)
    {
        string text = node.AsString().Trim();
        (string Suffix, ulong Scale)[] units = [("GiB", 1UL << 30), ("MiB", 1UL << 20), ("KiB", 1UL << 10)];
        foreach (var (suffix, scale) in units)
        {
            if (text.EndsWith(suffix, StringComparison.Ordinal)
                && ulong.TryParse(text[..^suffix.Length].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out ulong n)
                && n > 0 && n * scale / scale == n && n * scale % 4096 == 0 && n * scale <= 1UL << 40)
            {
                return n * scale;
            }
        }
        throw node.Unexpected("a memory size such as 64MiB or 1GiB (a multiple of 4 KiB, at most 1024GiB)");
    }
}
