using Sim.Hypervisors.Costs;
using Sim.Hypervisors.Platform;
using Sim.Scenarios.Model;
using Sim.Scenarios.Planning;
using Sim.Scenarios.Schema;
using Sim.Scenarios.Yaml;

namespace Sim.Scenarios.Loading;

/// <summary>
/// Reads the cost profile a scenario's guests run on, from the top-level keys beside <c>guests</c>, and checks it has
/// every cost those guests will read (the transport section, <see cref="TransportSectionReader"/>, calls both):
/// <code>
/// costs: kvm-x86                      # a built-in profile (profiles/*.yaml, default kvm-x86) or a profile file relative to the scenario
/// costOverrides:                      # optional: replace single entries, each with its source
///   backend.wakeup: { value: 5us, source: "what-if: a busier host" }
/// </code>
/// </summary>
internal static class CostProfileSectionReader
{
    /// <summary>The profile a scenario without <c>costs</c> runs on.</summary>
    public const string DefaultProfile = "kvm-x86";

    /// <summary>The top-level keys this reader reads beside <c>guests</c>: the cost profile and its overrides.</summary>
    public static IReadOnlyList<KeyShape> RootKeys =>
    [
        KeyShape.May("costs", new TextShape(), $"The cost profile: a built-in one ({string.Join(", ", CostProfileLoader.BuiltInNames)}; default {DefaultProfile}) or a profile file relative to the scenario."),
        KeyShape.May("costOverrides", new MapShape(CostProfileLoader.EntryShape), "Replace single entries of the cost profile, each with its provenance: { value: 5us, source: \"...\" }."),
    ];

    /// <summary>Reads <paramref name="root"/>'s <c>costs</c> (a built-in profile or a file found through <paramref name="files"/>) and applies its <c>costOverrides</c>.</summary>
    public static CostProfile Read(MappingReader root, ScenarioFiles files)
    {
        NodeReader? node = root.Optional("costs");
        string reference = node?.AsString() ?? DefaultProfile;
        CostProfile? profile = CostProfileLoader.LoadBuiltIn(reference);
        if (profile is null)
        {
            (string Text, string Location)? found;
            try
            {
                found = files.Find(reference);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw (node ?? root.Self).Fail($"cost profile file '{reference}' cannot be read ({(e is UnauthorizedAccessException ? "permission denied" : e.Message)})");
            }
            var (text, location) = found ?? throw (node ?? root.Self).Fail($"no cost profile '{reference}': expected a built-in profile " +
                $"({string.Join(", ", CostProfileLoader.BuiltInNames)}) or a profile file relative to the scenario");
            profile = CostProfileLoader.LoadText(text, location);
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

    /// <summary>Every cost the scenario's devices and platforms will read must be in the profile: a located error now, not a failure mid-run.</summary>
    public static void CheckCovers(CostProfile profile, IReadOnlyList<GuestModel> guests, NodeReader at)
    {
        var needed = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var guest in guests)
        {
            var sharing = guest.VirtioDevices.Select(d => d.Sharing).ToList();
            if (guest.Input.Count > 0) needed.UnionWith(Sim.Devices.Input.InputCosts.Names);
            if (guest.Rpmb.Count > 0) needed.UnionWith(Sim.Devices.Rpmb.RpmbCosts.Names);
            if (guest.Sound.Count > 0) needed.UnionWith(Sim.Devices.Sound.SoundCosts.Names);
            if (guest.I2c.Count > 0) needed.UnionWith(Sim.Devices.I2c.I2cCosts.Names);
            if (guest.Gpio.Count > 0) needed.UnionWith(Sim.Devices.Gpio.GpioCosts.Names);
            if (guest.Gpu.Count > 0) needed.UnionWith(Sim.Devices.Gpu.GpuCosts.Names);
            if (guest.Blk.Count > 0) needed.UnionWith(Sim.Devices.Blk.BlkCosts.StorageNames);
            foreach (var net in guest.Net) needed.UnionWith(NetHostPaths.CostNames(net));
            foreach (var model in sharing)
            {
                needed.UnionWith(Sim.Devices.Common.RingCosts.Names);
                needed.UnionWith(PlatformCosts.Common);
                needed.UnionWith(guest.Platform == "xen" ? PlatformCosts.Xen : PlatformCosts.Kvm);
                if (model.Mechanism == "iommu") needed.UnionWith(PlatformCosts.Iommu);
                if (model.Mechanism is "window" or "grant-persistent") needed.UnionWith(PlatformCosts.Window);
            }
        }
        var missing = needed.Where(n => !profile.Has(n)).ToList();
        if (missing.Count > 0)
            throw at.Fail($"cost profile '{profile.Name}' lacks {string.Join(", ", missing)}, which this scenario's devices need; " +
                $"use a profile that has them (e.g. kvm-x86, xen-x86, xen-arm64)");
    }
}
