using Sim.Core.Time;
using Sim.Layouts;
using Sim.Scenarios.Loading;
using Sim.Tests.Shared;
using Sim.Worlds.Running;

namespace Sim.Tracing.Tests.Explaining;

/// <summary>
/// <c>sim explain</c> on <c>one-gpu-frame.yaml</c> decodes the virtio-gpu controlq and cursorq buffers (virtio 1.2,
/// 5.7.6.7-5.7.6.10) as its comment promises: the set-up commands with their fields, the display info's modes, the cursor
/// update, and a frame's transfer and fenced flush answered with the fence.
/// </summary>
public sealed class GpuTeachingScenarioTests
{
    private static readonly Lazy<Sim.Tracing.Explaining.ExplainedRun> Run = new(() =>
        ExplainRunner.Explain(ScenarioLoader.LoadFile(Path.Combine(RepositoryPaths.Root(), "scenarios/teaching/one-gpu-frame.yaml")), null, 12, SimTime.FromMilliseconds(40)));

    private static bool Says(string text) => Run.Value.Steps.Any(s => s.Kind == "buffer" && s.Text.Contains(text, StringComparison.Ordinal));

    [Fact]
    public void The_set_up_commands_are_told_with_their_fields()
    {
        Assert.True(Says("the driver writes the GPU command (driver/slot0/request): GET_DISPLAY_INFO"));
        Assert.True(Says("the device writes the GPU response (driver/slot0/response): OK_DISPLAY_INFO, then the scanouts' modes"));
        Assert.True(Says("RESOURCE_CREATE_2D (resource_id 1, format B8G8R8X8_UNORM, width 64, height 32)"));
        Assert.True(Says("RESOURCE_ATTACH_BACKING (resource_id 1, nr_entries 2), then 2 virtio_gpu_mem_entry runs"));
        Assert.True(Says("SET_SCANOUT (r.x 0, r.y 0, r.width 64, r.height 32, scanout_id 0, resource_id 1)"));
        Assert.True(Says("the driver writes the cursor command (driver/cursor0): UPDATE_CURSOR (pos.scanout_id 0, pos.x 32, pos.y 16, resource_id 2, hot_x 0, hot_y 0)"));
    }

    [Fact]
    public void A_frame_is_a_transfer_and_a_fenced_flush_whose_response_echoes_the_fence()
    {
        Assert.True(Says("TRANSFER_TO_HOST_2D (r.x 0, r.y 8, r.width 64, r.height 8, offset 2048, resource_id 1)"));
        Assert.True(Says("RESOURCE_FLUSH (r.x 0, r.y 8, r.width 64, r.height 8, resource_id 1), fenced (fence_id 1)"));
        Assert.True(Says("OK_NODATA, echoing fence_id 1"));
    }

    [Fact]
    public void The_display_info_response_region_decodes_to_scanout_0_enabled_at_64_by_32()
    {
        var run = Run.Value;
        int index = run.Regions.ToList().FindIndex(r => r.Kind == "gpu-ctrl-response" && r.Name.EndsWith("slot0/response", StringComparison.Ordinal));
        Assert.True(index >= 0);
        var first = run.Steps.SelectMany(s => s.Changes).First(c => c.Region == index).Bytes;
        var layout = LayoutCatalog.Struct(RegionKind.GpuCtrlResponse);
        Assert.Equal("OK_DISPLAY_INFO", LayoutCatalog.Flags("gpu-ctrl-types").NameOf(layout.Field("type").Read(first)));
        var mode = first.AsSpan(layout.EntriesOffset, layout.EntrySize);
        Assert.Equal(64UL, layout.Entries!.Field("r.width").Read(mode));
        Assert.Equal(32UL, layout.Entries.Field("r.height").Read(mode));
        Assert.Equal(1UL, layout.Entries.Field("enabled").Read(mode));
        Assert.Equal(0UL, layout.Entries.Field("enabled").Read(first.AsSpan(layout.EntriesOffset + layout.EntrySize, layout.EntrySize)));
    }
}
