using Sim.Tests.Shared;
using Sim.Core.Time;
using Sim.Scenarios.Loading;
using Sim.Worlds.Running;
using Sim.Tracing.Explaining;

namespace Sim.Tracing.Tests.Explaining;

/// <summary>Every teaching scenario says what it teaches, and <c>sim explain</c> shows on it what its comment promises.</summary>
public sealed class TeachingScenarioTests
{

    private static ExplainedRun Explain(string file, string? device = null, int requests = 2) =>
        ExplainRunner.Explain(ScenarioLoader.LoadFile(Path.Combine(RepositoryPaths.Root(), "scenarios/teaching", file)), device, requests, SimTime.FromMilliseconds(2));

    private static bool Says(ExplainedRun run, string kind, string text) =>
        run.Steps.Any(s => s.Kind == kind && s.Text.Contains(text, StringComparison.Ordinal));

    [Fact]
    public void Every_teaching_scenario_opens_with_what_it_teaches_and_what_to_look_at()
    {
        var files = Directory.GetFiles(Path.Combine(RepositoryPaths.Root(), "scenarios/teaching"), "*.yaml");
        Assert.True(files.Length >= 5, $"{files.Length} teaching scenarios");
        foreach (string file in files)
        {
            // The first line names the scenario schema for editors (ShippedSchemaTests); the lesson opens right after it.
            string text = File.ReadAllText(file);
            Assert.StartsWith("# yaml-language-server: $schema=", text);
            Assert.StartsWith("# Teaching:", text[(text.IndexOf('\n') + 1)..]);
            Assert.Contains("# What it teaches:", text);
            Assert.Contains("# What to look at:", text);
            ScenarioLoader.LoadFile(file);
        }
    }

    [Fact]
    public void Xen_shows_grant_entries_grant_references_and_the_unmap_flush()
    {
        var run = Explain("one-request-xen.yaml");
        Assert.True(Says(run, "grant", "permit_access|readonly, domid"), "a read-only grant for what the device reads");
        Assert.True(Says(run, "kick", "it reaches the buffers by mapping the pages the guest granted"), "the kick step says how the backend reaches the buffers");
        Assert.True(Says(run, "descriptor", "(grant reference "), "descriptors carry grant references");
        Assert.True(Says(run, "platform", "grant map(s)"));
        Assert.True(Says(run, "platform", "grant unmap(s), +3 TLB-flush IPI(s)"), "4 backend vCPUs: 3 IPIs per unmap");
        var maps = run.Steps.First(s => s.Kind == "platform" && s.Text.Contains("grant map(s)", StringComparison.Ordinal));
        Assert.NotNull(maps.Cost);
        Assert.StartsWith("xen-x86: ", maps.Source);
        Assert.Contains("backend xen.hypercall 1 x: ", maps.Source);
        Assert.Contains("backend xen.grant.map 3 x: ", maps.Source);
    }

    [Fact]
    public void Event_idx_suppresses_at_the_ring_under_load_and_the_flags_decide_without_it()
    {
        var with = Explain("event-idx-under-load.yaml", "event-idx/blk0", 12);
        Assert.True(Says(with, "kick", "vring_need_event(avail_event=0, new=21, old=0)"), "one kick for the 21 chains published at start");
        Assert.True(Says(with, "interrupt", "is false: suppressed"), "used_event has not moved: completions after the first need no interrupt");
        var without = Explain("event-idx-under-load.yaml", "no-event-idx/blk0", 12);
        Assert.DoesNotContain(without.Steps, s => s.Text.Contains("vring_need_event", StringComparison.Ordinal));
        Assert.True(Says(without, "interrupt", "avail flags are 0: interrupt"), "without EVENT_IDX the avail ring's flags decide");
        int Suppressed(ExplainedRun r) => r.Steps.Count(s => s.Kind == "interrupt" && s.Text.Contains("suppressed", StringComparison.Ordinal));
        Assert.True(Suppressed(with) > Suppressed(without));
    }

    [Fact]
    public void The_iommu_shows_map_requests_and_iotlb_misses()
    {
        var run = Explain("iommu-lazy-stale.yaml");
        Assert.True(Says(run, "platform", "IOTLB miss(es)"));
        Assert.True(Says(run, "iommu", "ATTACH endpoint 1 to domain 1"), "the driver attaches its endpoint first");
        Assert.True(Says(run, "iommu", "PROBE endpoint 1"), "and probes it before");
        Assert.True(Says(run, "iommu", "UNMAP in domain 1 IOVA"), "each buffer is unmapped when its request completes");
        Assert.Contains(run.Steps, s => s.Kind == "iommu" && s.Text.Contains("MAP in domain 1 IOVA", StringComparison.Ordinal) && s.Text.Contains("WRITE", StringComparison.Ordinal));
        Assert.True(Says(run, "platform", "virtio-iommu request(s) (MAP/UNMAP)"), "every map and unmap is a request to the virtio-iommu");
        Assert.True(Says(run, "platform", "stale pages (unmapped by the guest, still reachable) now"), "lazy invalidation leaves unmapped pages reachable");
    }

    [Fact]
    public void The_window_bounces_every_buffer()
    {
        var run = Explain("window-bounce.yaml");
        Assert.True(Says(run, "platform", "bounce/pool copy(ies), +4113 byte(s) copied"), "the 16-byte header, 4 KiB of data and the status byte");
        Assert.True(Says(run, "copy", "the guest bounces 16 byte(s) into the shared window at GPA"), "the request header goes through the window");
        Assert.True(Says(run, "copy", "the device writes 4096 byte(s) into the shared window"), "the data comes back through the window");
        int window = run.Regions.ToList().FindIndex(r => r.Kind == "window");
        Assert.True(window >= 0, "the window is a region of the page (a slot map)");
        Assert.Contains(run.Steps.Where(s => s.Kind == "copy").SelectMany(s => s.Changes), c => c.Region == window && c.Bytes.Length == 4096);
    }

    [Fact]
    public void One_touch_report_is_eight_named_events_in_eight_used_buffers()
    {
        var run = ExplainRunner.Explain(ScenarioLoader.LoadFile(Path.Combine(RepositoryPaths.Root(), "scenarios/teaching/one-touch-report.yaml")), null, 1,
            SimTime.FromMilliseconds(101));
        Assert.True(Says(run, "message", "InputReport (8 events: EV_ABS ABS_MT_TRACKING_ID 1, EV_ABS ABS_MT_POSITION_X"), "the report's events, named");
        Assert.True(Says(run, "descriptor", "len 8, flags WRITE"), "the driver posts one 8-byte device-writable buffer per event");
        for (int i = 0; i < 8; i++) Assert.True(Says(run, "used", $"used ring[{i}] of driver/q0 = {{ id {i}, len 8 }}"), $"event {i} used with its 8 bytes");
        Assert.False(Says(run, "used", "used ring[8] of driver/q0"), "a report of eight events takes eight buffers, no more");
        var typeName = new System.Text.RegularExpressions.Regex(@"\bSim\.[A-Z]|[a-z]\+[A-Z]");
        Assert.DoesNotContain(run.Steps, s => typeName.IsMatch(s.Text));
    }

    [Theory]
    [InlineData("one-request-kvm.yaml")]
    [InlineData("one-request-xen.yaml")]
    [InlineData("window-bounce.yaml")]
    [InlineData("iommu-lazy-stale.yaml")]
    [InlineData("event-idx-under-load.yaml")]
    public void No_step_shows_a_dotnet_type_name_and_the_start_up_reset_is_told(string file)
    {
        var run = Explain(file);
        // A namespace, or a nested type as .NET prints it (Outer+Inner).
        var typeName = new System.Text.RegularExpressions.Regex(@"\bSim\.[A-Z]|[a-z]\+[A-Z]");
        Assert.DoesNotContain(run.Steps, s => typeName.IsMatch(s.Text));
        Assert.Contains(run.Steps, s => s.Text.Contains("wrote 0 to the device status", StringComparison.Ordinal));
    }
}
